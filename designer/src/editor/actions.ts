import { journeySchema, type Journey } from '../../../engine/journey/schema';
import { api } from '../api/endpoints';
import { ApiError } from '../api/http';
import { currentLocale, i18next } from '../i18n';
import { flowToJourney } from '../model/convert';
import { registerDescribed } from '../model/described-types';
import { registry } from '../model/registry';
import { newJourneyId } from '../model/ids';
import { useStore } from '../store';
import type { Notice } from '../store/editor';
import { clearLocalDraft, readLocalDraft, sameEdits, writeLocalDraft } from './drafts';
import { rememberJourney } from './route';

/**
 * What the toolbar and the list do: talk to the API and put the answers into the store. Plain
 * functions, not hooks, so every button shares one implementation of each step.
 */

const t = (key: string) => i18next.t(key);
const store = () => useStore.getState();

export async function loadCatalog(): Promise<void> {
  const [{ nodeTypes, channels }, { facts }] = await Promise.all([api.nodeTypes(), api.facts()]);
  // Plugin steps: validated in the browser like built-ins (model/described-types.ts).
  registerDescribed(registry, nodeTypes);
  store().setCatalog(nodeTypes, facts, channels);
}

export function createJourney(name: string): void {
  const journey = journeySchema.parse({ id: newJourneyId(), name: name.trim(), nodes: [] });
  store().openJourney(journey, true);
  // Not on the server yet: a reload finds it in the browser's copy (editor/drafts.ts).
  writeLocalDraft(journey, true);
  rememberJourney(journey.id);
}

export async function openJourney(id: string): Promise<void> {
  // Edits this browser kept but the server never got (a reload, a crash, a closed tab).
  const local = readLocalDraft(id);
  try {
    const { journey } = await api.getJourney(id);
    // Fills defaults the same way the engine does, so the canvas and validation see one shape.
    const stored = journeySchema.parse(journey);
    if (local && !local.isNew && !sameEdits(local.document, stored)) {
      // The server's lifecycle fields are current; the graph, name and settings are the person's.
      store().openJourney({ ...local.document, status: stored.status, version: stored.version }, false, true);
      store().setNotice({ kind: 'info', key: 'editing.restored' });
    } else {
      if (local) clearLocalDraft(id);
      store().openJourney(stored, false);
    }
    rememberJourney(id);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404 && local?.isNew) {
      store().openJourney(local.document, true);
      store().setNotice({ kind: 'info', key: 'editing.restoredNew' });
      rememberJourney(id);
      return;
    }
    rememberJourney(null);
    store().setNotice(e instanceof ApiError && e.status === 404 ? { kind: 'error', key: 'notice.notFound' } : failure(e));
  }
}

/**
 * A new draft from a shipped template, in the UI's language, opened like one picked from the list;
 * `eventDate` dates a template built around one day (its default when absent).
 * Resolves with the error message when the server refused, else null.
 */
export async function createFromTemplate(templateId: string, eventDate?: string): Promise<string | null> {
  try {
    const { journey } = await api.fromTemplate(templateId, currentLocale(), eventDate);
    await openJourney(journey.id);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

export function closeJourney(): void {
  const s = store();
  if (s.dirty && !window.confirm(t('notice.leaveUnsaved'))) return;
  // Leaving unsaved edits on purpose: they are not offered back next time.
  if (s.meta) clearLocalDraft(s.meta.id);
  s.closeJourney();
  rememberJourney(null);
}

function currentDocument(): Journey | null {
  const s = store();
  return s.meta ? flowToJourney(s.meta, s.nodes, s.edges) : null;
}

/**
 * Saves the draft (POST the first time, PUT after). Resolves whether it was stored. An autosave
 * (`auto`) says nothing when it worked: the toolbar's save state shows it.
 */
export async function saveJourney(options: { auto?: boolean } = {}): Promise<boolean> {
  const doc = currentDocument();
  if (!doc || store().busy) return false;
  const s = store();
  const revision = s.revision;
  s.setBusy('saving');
  try {
    const res = s.isNew ? await api.createJourney(doc) : await api.updateJourney(doc);
    store().applySaved(res.journey, revision);
    rememberJourney(doc.id);
    if (!options.auto) {
      store().setNotice(
        res.problems.length === 0
          ? { kind: 'success', key: 'notice.saved' }
          : { kind: 'info', key: 'notice.savedWithProblems', params: { count: res.problems.length } },
      );
    }
    return true;
  } catch (e) {
    if (e instanceof ApiError && e.body.problems) store().setProblems(e.body.problems, 'server');
    store().setNotice(e instanceof ApiError && e.status === 409 ? { kind: 'error', key: 'notice.conflict' } : failure(e));
    return false;
  } finally {
    store().setBusy(null);
  }
}

/** Publishes what is on screen: saves first if needed, since the server publishes its stored draft. */
export async function publishJourney(): Promise<void> {
  const s = store();
  if (!s.meta || s.busy) return;
  if ((s.dirty || s.isNew) && !(await saveJourney())) return;
  const id = store().meta!.id;
  store().setBusy('publishing');
  try {
    const res = await api.publish(id);
    store().applyStatus({ status: res.journey.status, version: res.version });
    store().setNotice({ kind: 'success', key: 'notice.published', params: { version: res.version } });
  } catch (e) {
    if (e instanceof ApiError && e.status === 400 && e.body.problems) {
      store().setProblems(e.body.problems, 'server');
      store().setNotice({ kind: 'error', key: 'notice.publishRefused' });
    } else {
      store().setNotice(failure(e));
    }
  } finally {
    store().setBusy(null);
  }
}

export async function setPaused(paused: boolean): Promise<void> {
  const s = store();
  if (!s.meta || s.busy) return;
  const id = s.meta.id;
  s.setBusy(paused ? 'pausing' : 'resuming');
  try {
    const res = paused ? await api.pause(id) : await api.resume(id);
    store().applyStatus(res.journey);
    store().setNotice({ kind: 'success', key: paused ? 'notice.paused' : 'notice.resumed' });
  } catch (e) {
    store().setNotice(failure(e));
  } finally {
    store().setBusy(null);
  }
}

function failure(e: unknown): Notice {
  return { kind: 'error', key: 'notice.failed', params: { message: e instanceof Error ? e.message : String(e) } };
}
