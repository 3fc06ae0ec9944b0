import { useCallback, useEffect, useMemo, useState } from 'react';
import { changedPaths, movesCustomers, type SettingsProblem, type ShopSettings } from '../../../engine/index';
import { ApiError } from '../api/http';
import {
  fetchSettings,
  fetchSettingsChanges,
  previewShopSettings,
  refreshCustomerFacts,
  saveShopSettings,
  type SettingsChangesPage,
  type SettingsPreview,
  type SettingsResponse,
} from '../api/settings';
import { currentLocale } from '../i18n';
import { checkDraft, setIn, type Path } from './draft';

export type Notice = { kind: 'saved' | 'nothing' } | { kind: 'refreshed'; changes: number } | { kind: 'failed'; message: string } | null;

/**
 * The settings page's state: the stored settings, the draft being edited and its problems (the
 * server's own check run as it is typed, replaced by the server's answer after a save), the
 * preview of a change that moves customers, and the change history.
 */
export function useSettingsPage() {
  const [loaded, setLoaded] = useState<SettingsResponse | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<ShopSettings | null>(null);
  const [serverProblems, setServerProblems] = useState<SettingsProblem[] | null>(null);
  const [preview, setPreview] = useState<SettingsPreview | null>(null);
  const [busy, setBusy] = useState<'previewing' | 'saving' | 'refreshing' | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [history, setHistory] = useState<SettingsChangesPage>({ changes: [], nextCursor: null });

  const reload = useCallback(async () => {
    try {
      const [settings, changes] = await Promise.all([fetchSettings(), fetchSettingsChanges()]);
      setLoaded(settings);
      setDraft(settings.settings);
      setHistory(changes);
    } catch (e) {
      setLoadError(e instanceof Error ? e.message : String(e));
    }
  }, []);
  useEffect(() => void reload(), [reload]);

  const locale = currentLocale();
  const problems = useMemo(() => serverProblems ?? (draft ? checkDraft(draft, locale).problems : []), [serverProblems, draft, locale]);
  const changed = useMemo(() => (loaded && draft ? changedPaths(loaded.settings, draft) : []), [loaded, draft]);

  const set = useCallback((path: Path, value: unknown) => {
    setDraft((d) => d && setIn(d, path, value));
    setServerProblems(null);
    setNotice(null);
  }, []);

  /** A 400 from the server puts its problems beside the fields; anything else is a notice. */
  const failed = (e: unknown) => {
    if (e instanceof ApiError && e.status === 400 && e.body.problems) setServerProblems(e.body.problems as SettingsProblem[]);
    else setNotice({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
  };

  const store = async () => {
    if (!draft) return;
    setBusy('saving');
    try {
      const answer = await saveShopSettings(draft as unknown as Record<string, unknown>);
      setPreview(null);
      setNotice({ kind: answer.changed.length > 0 ? 'saved' : 'nothing' });
      if (movesCustomers(answer.changed)) {
        // The preview promised these moves: make them now rather than at the daily refresh, so
        // the customers, segments and the next preview all read the new settings' facts.
        setBusy('refreshing');
        const refreshed = await refreshCustomerFacts();
        const { stage_changed, tier_changed, tagged } = refreshed.changes;
        setNotice({ kind: 'refreshed', changes: stage_changed + tier_changed + tagged });
      }
      await reload();
    } catch (e) {
      setPreview(null);
      failed(e);
    } finally {
      setBusy(null);
    }
  };

  /** Saves at once, or first previews when the change may move customers (tiers, lifecycle, RFM, tag rules). */
  const save = async () => {
    if (!draft) return;
    if (changed.length === 0) return setNotice({ kind: 'nothing' });
    if (!movesCustomers(changed)) return store();
    setBusy('previewing');
    try {
      setPreview(await previewShopSettings(draft as unknown as Record<string, unknown>));
    } catch (e) {
      failed(e);
    } finally {
      setBusy(null);
    }
  };

  const more = async () => {
    if (!history.nextCursor) return;
    const page = await fetchSettingsChanges(history.nextCursor);
    setHistory((h) => ({ changes: [...h.changes, ...page.changes], nextCursor: page.nextCursor }));
  };

  return {
    loaded,
    loadError,
    draft,
    problems,
    changed,
    preview,
    busy,
    notice,
    history,
    set,
    save,
    confirm: store,
    cancel: () => setPreview(null),
    discard: () => {
      if (loaded) setDraft(loaded.settings);
      setServerProblems(null);
      setNotice(null);
    },
    more,
  };
}
