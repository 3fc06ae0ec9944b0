import './stats.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { versionsApi } from '../api/versions';
import { useStore } from '../store';
import { useStatsPolling } from './useStatsPolling';

/**
 * The toolbar's 数据/Stats toggle and, while it is on, which published version the figures are
 * for, a refresh button and when they were read. Only a journey published at least once has figures.
 */
export function StatsControls() {
  const { t, i18n } = useTranslation();
  const meta = useStore((s) => s.meta);
  const open = useStore((s) => s.statsOpen);
  const setOpen = useStore((s) => s.setStatsOpen);
  const version = useStore((s) => s.statsVersion);
  const setVersion = useStore((s) => s.setStatsVersion);
  const asOf = useStore((s) => (s.stats && s.stats.journeyId === s.meta?.id ? s.stats.asOf : null));
  const error = useStore((s) => s.statsError);
  const [versions, setVersions] = useState<number[]>([]);
  const [tick, setTick] = useState(0);
  useStatsPolling(tick);

  const journeyId = meta?.id;
  const published = meta?.version ?? 0;
  // The versions to choose from: read when the figures open and after each publish.
  useEffect(() => {
    if (!open || !journeyId) return;
    let live = true;
    versionsApi
      .list(journeyId)
      .then((r) => live && setVersions(r.versions.map((v) => v.version)))
      .catch(() => live && setVersions(Array.from({ length: published }, (_, i) => published - i)));
    return () => {
      live = false;
    };
  }, [open, journeyId, published]);
  // Another journey opened: its figures start hidden, for all versions.
  useEffect(() => () => setOpen(false), [journeyId, setOpen]);

  if (!meta || published === 0) return null;
  return (
    <>
      <button
        type="button"
        className={`btn ${open ? 'is-active' : ''}`}
        aria-pressed={open}
        title={t('stats.toggleTitle')}
        onClick={() => setOpen(!open)}
        data-testid="stats-toggle"
      >
        {t('stats.toggle')}
      </button>
      {/* Over the canvas's top right rather than in the toolbar, which has no room to spare. */}
      {open && (
        <div className="stats-bar card" role="group" aria-label={t('stats.toggleTitle')} data-testid="stats-bar">
          <select
            aria-label={t('stats.version')}
            value={String(version)}
            onChange={(e) => setVersion(e.target.value === 'all' ? 'all' : Number(e.target.value))}
            data-testid="stats-version"
          >
            <option value="all">{t('stats.allVersions')}</option>
            {versions.map((v) => (
              <option key={v} value={String(v)}>
                {t('stats.versionN', { version: v })}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn btn-ghost btn-small"
            onClick={() => setTick((n) => n + 1)}
            title={t('stats.refresh')}
            aria-label={t('stats.refresh')}
            data-testid="stats-refresh"
          >
            ↻
          </button>
          <span className={`stats-asof ${error ? 'is-error' : ''}`} role={error ? 'alert' : undefined} data-testid="stats-asof">
            {error
              ? t('stats.failed', { message: error })
              : asOf
                ? t('stats.updated', { time: new Date(asOf).toLocaleTimeString(i18n.language) })
                : t('stats.loading')}
          </span>
        </div>
      )}
    </>
  );
}
