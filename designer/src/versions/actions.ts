import { journeySchema, type Journey } from '../../../engine/journey/schema';
import { api } from '../api/endpoints';
import { versionsApi } from '../api/versions';
import { clearLocalDraft } from '../editor/drafts';
import { i18next } from '../i18n';
import { flowToJourney } from '../model/convert';
import { useStore } from '../store';

/** The open journey as it stands on screen (saved or not): the "current draft" of the history. */
export function draftDocument(): Journey | null {
  const s = useStore.getState();
  return s.meta ? flowToJourney(s.meta, s.nodes, s.edges) : null;
}

/** Published documents never change, so each is fetched once per page. */
const cache = new Map<string, Promise<Journey>>();

export function loadVersion(journeyId: string, version: number): Promise<Journey> {
  const key = `${journeyId}\u0000${version}`;
  let doc = cache.get(key);
  if (!doc) {
    doc = versionsApi.get(journeyId, version).then((r) => journeySchema.parse(r.journey));
    // A failed fetch may succeed later: do not keep it.
    doc.catch(() => cache.delete(key));
    cache.set(key, doc);
  }
  return doc;
}

/**
 * Makes a published version the draft again: its document, without what publishing stamped
 * (node type versions, activity options; the draft follows the latest node versions), is saved
 * over the draft and opened. Asks first; resolves whether it was restored.
 */
export async function restoreVersion(journeyId: string, version: number): Promise<boolean> {
  if (!window.confirm(i18next.t('versions.restoreConfirm', { version }))) return false;
  const published = await loadVersion(journeyId, version);
  const draft: Journey = { ...published, nodes: published.nodes.map(({ typeVersion: _v, activity: _a, ...n }) => n) };
  const saved = await api.updateJourney(draft);
  // The browser's copy of unsaved edits is of the draft just replaced: it must not come back on the next open.
  clearLocalDraft(journeyId);
  const store = useStore.getState();
  store.openJourney(journeySchema.parse(saved.journey), false);
  store.setNotice({ kind: 'success', key: 'versions.restored', params: { version } });
  return true;
}
