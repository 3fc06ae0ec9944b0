import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Journey } from '../../../engine/journey/schema';
import { versionsApi, type VersionListResponse } from '../api/versions';
import { diffJourneys, isEmptyDiff } from '../model/diff';
import { useStore } from '../store';
import { draftDocument, loadVersion, restoreVersion } from './actions';
import { DiffView } from './DiffView';
import './versions.css';

/** An entry of the history: a published version by number, or the draft on screen. */
type Key = number | 'draft';
const rank = (k: Key) => (k === 'draft' ? Number.MAX_SAFE_INTEGER : k);

/**
 * The version history of the open journey: its published versions and the current draft. Tick
 * two to compare them (the newer one is drawn with its changes marked); any version can be
 * restored as the draft.
 */
export function VersionsPanel({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const journeyId = useStore((s) => s.meta?.id);
  const dirty = useStore((s) => s.dirty);
  const isNew = useStore((s) => s.isNew);
  const [list, setList] = useState<VersionListResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<Key[]>([]);
  const [docs, setDocs] = useState<{ older: Journey; newer: Journey } | null>(null);
  const [restoring, setRestoring] = useState<number | null>(null);
  // The draft as it was when the panel opened: the canvas behind does not change while it is up.
  const [draft] = useState(() => draftDocument());

  useEffect(() => {
    if (!journeyId) return;
    // Not on the server yet: nothing was published, and the list would answer 404.
    if (isNew) return setList({ journeyId, draft: { status: 'draft', version: 0, nodes: draft?.nodes.length ?? 0 }, versions: [] });
    let cancelled = false;
    versionsApi
      .list(journeyId)
      .then(async (r) => {
        if (cancelled) return;
        setList(r);
        // Compare what is most likely asked: the draft against the latest version when they
        // differ, else the latest two versions.
        const [latest, previous] = r.versions;
        if (!latest) return setPicked([]);
        const latestDoc = await loadVersion(journeyId, latest.version);
        const draftChanged = draft !== null && !isEmptyDiff(diffJourneys(latestDoc, draft));
        if (!cancelled) setPicked(draftChanged || !previous ? [latest.version, 'draft'] : [previous.version, latest.version]);
      })
      .catch((e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      cancelled = true;
    };
  }, [journeyId, draft, isNew]);

  // Fetches the two picked documents (versions are cached: they never change).
  useEffect(() => {
    if (!journeyId || picked.length !== 2) return setDocs(null);
    let cancelled = false;
    const [a, b] = [...picked].sort((x, y) => rank(x) - rank(y)) as [Key, Key];
    const doc = (k: Key) => (k === 'draft' ? Promise.resolve(draft!) : loadVersion(journeyId, k));
    Promise.all([doc(a), doc(b)])
      .then(([older, newer]) => !cancelled && setDocs({ older, newer }))
      .catch((e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      cancelled = true;
    };
  }, [journeyId, picked, draft]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const toggle = (k: Key) => setPicked((p) => (p.includes(k) ? p.filter((x) => x !== k) : [...p, k].slice(-2)));

  const restore = async (version: number) => {
    if (!journeyId) return;
    setRestoring(version);
    try {
      if (await restoreVersion(journeyId, version)) onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setRestoring(null);
    }
  };

  const label = (k: Key) => (k === 'draft' ? t('versions.draft') : t('versions.version', { version: k }));
  const [olderKey, newerKey] = [...picked].sort((x, y) => rank(x) - rank(y));
  const date = (iso: string) => new Date(iso).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <div className="versions-backdrop" onClick={onClose}>
      <section
        className="versions-panel card"
        data-testid="versions-panel"
        role="dialog"
        aria-modal="true"
        aria-labelledby="versions-title"
        onClick={(e) => e.stopPropagation()}
      >
        <div className="row versions-head">
          <h2 id="versions-title">{t('versions.title')}</h2>
          <span className="muted">{t('versions.pickHelp')}</span>
          <button type="button" className="btn btn-ghost" onClick={onClose} data-testid="versions-close">
            {t('versions.close')}
          </button>
        </div>
        {error && (
          <p className="notice notice-error" role="alert">
            {t('notice.failed', { message: error })}
          </p>
        )}
        <div className="versions-body">
          <ul className="versions-list" data-testid="versions-list">
            {!list && !error && <li className="muted">{t('versions.loading')}</li>}
            {list && draft && (
              <li className={`version-entry ${picked.includes('draft') ? 'is-picked' : ''}`} data-testid="version-draft">
                <label>
                  <input type="checkbox" checked={picked.includes('draft')} onChange={() => toggle('draft')} data-testid="pick-draft" />
                  <span className="version-name">{dirty ? t('versions.draftUnsaved') : t('versions.draft')}</span>
                </label>
                <span className="muted">{t('versions.steps', { count: draft.nodes.length })}</span>
              </li>
            )}
            {list?.versions.map((v) => (
              <li key={v.version} className={`version-entry ${picked.includes(v.version) ? 'is-picked' : ''}`} data-testid={`version-${v.version}`}>
                <label>
                  <input type="checkbox" checked={picked.includes(v.version)} onChange={() => toggle(v.version)} data-testid={`pick-version-${v.version}`} />
                  <span className="version-name">{t('versions.version', { version: v.version })}</span>
                  {v.version === list.draft.version && (list.draft.status === 'live' || list.draft.status === 'paused') && (
                    <span className="badge badge-live">{t('versions.live')}</span>
                  )}
                </label>
                <span className="muted">
                  {t('versions.publishedAt', { at: date(v.publishedAt) })} · {t('versions.steps', { count: v.nodes })}
                </span>
                <button
                  type="button"
                  className="btn btn-small"
                  disabled={restoring !== null}
                  onClick={() => void restore(v.version)}
                  data-testid={`restore-version-${v.version}`}
                >
                  {t('versions.restore')}
                </button>
              </li>
            ))}
            {list && list.versions.length === 0 && <li className="muted">{t('versions.notPublished')}</li>}
          </ul>
          <div className="versions-compare" data-testid="versions-compare" data-older={olderKey ?? ''} data-newer={newerKey ?? ''}>
            {olderKey !== undefined && newerKey !== undefined && <h3>{t('versions.compareTitle', { older: label(olderKey), newer: label(newerKey) })}</h3>}
            {docs && <DiffView key={`${olderKey}-${newerKey}`} older={docs.older} newer={docs.newer} />}
          </div>
        </div>
      </section>
    </div>
  );
}
