import '../simulate/simulate.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { statsApi } from '../api/stats';
import { useStore } from '../store';

/**
 * Stop (停止) for a live or paused journey, after a confirmation: nobody enters any more and
 * everyone inside leaves at once. It cannot be undone, so it asks in words what will happen.
 */
export function StopButton() {
  const { t, i18n } = useTranslation();
  const meta = useStore((s) => s.meta);
  const busy = useStore((s) => s.busy);
  const [asking, setAsking] = useState(false);
  const [stopping, setStopping] = useState(false);

  useEffect(() => {
    if (!asking) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setAsking(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [asking]);

  if (!meta || (meta.status !== 'live' && meta.status !== 'paused')) return null;
  const stop = async () => {
    setStopping(true);
    try {
      const r = await statsApi.stop(meta.id);
      const s = useStore.getState();
      s.applyStatus(r.journey);
      s.setNotice({ kind: 'success', key: 'stats.stopped', params: { count: r.stopping } });
      setAsking(false);
    } catch (e) {
      useStore.getState().setNotice({ kind: 'error', key: 'notice.failed', params: { message: e instanceof Error ? e.message : String(e) } });
      setAsking(false);
    } finally {
      setStopping(false);
    }
  };
  return (
    <>
      <button type="button" className="btn btn-danger" disabled={busy !== null || stopping} onClick={() => setAsking(true)} data-testid="stop">
        {stopping ? t('stats.stopping') : t('stats.stop')}
      </button>
      {asking && (
        <div className="dialog-backdrop" onClick={() => !stopping && setAsking(false)}>
          <div
            className="dialog card"
            role="alertdialog"
            aria-modal="true"
            aria-labelledby="stop-title"
            aria-describedby="stop-body"
            data-testid="stop-dialog"
            onClick={(e) => e.stopPropagation()}
            lang={i18n.language}
          >
            <h2 id="stop-title">{t('stats.stopTitle', { name: meta.name })}</h2>
            <p id="stop-body">{t('stats.stopBody')}</p>
            <div className="row dialog-actions">
              <button type="button" className="btn" disabled={stopping} onClick={() => setAsking(false)} data-testid="stop-cancel" autoFocus>
                {t('stats.cancel')}
              </button>
              <button type="button" className="btn btn-danger" disabled={stopping} onClick={() => void stop()} data-testid="stop-confirm">
                {stopping ? t('stats.stopping') : t('stats.stopConfirm')}
              </button>
            </div>
          </div>
        </div>
      )}
    </>
  );
}
