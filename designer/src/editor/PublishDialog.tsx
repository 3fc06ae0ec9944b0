import '../simulate/simulate.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JourneySummary } from '../../../engine/analysis/summary';
import type { JourneyWarning } from '../../../engine/analysis/warnings';
import { ApiError } from '../api/http';
import { currentLocale } from '../i18n';
import { flowToJourney } from '../model/convert';
import { simulateApi } from '../simulate/api';
import { useStore } from '../store';
import { publishJourney } from './actions';
import { summaryInWords } from './publishSummary';

/**
 * Publishing asks first (issue #5 item 6): with problems it lists them and cannot publish; else
 * it says what the journey can do to one customer at worst. The summary comes from the server's
 * POST /api/journeys/analyze, not the engine in the browser: only the server's registry knows
 * what installed plugin actions send (their `sends` hook), and a plugin channel left out of
 * "at most …" would understate the worst case.
 */
export function PublishDialog({ onClose }: { onClose(): void }) {
  const { t, i18n } = useTranslation();
  const meta = useStore((s) => s.meta);
  const problems = useStore((s) => s.problems);
  const [summary, setSummary] = useState<JourneySummary | null>(null);
  // What publishing would warn about (unknown variables, refused webhook addresses): it publishes anyway.
  const [warnings, setWarnings] = useState<JourneyWarning[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  // Customers inside now (a running journey): they stay on their versions. Best effort: without
  // the figures the dialog says the same without the number.
  const [inside, setInside] = useState<number | null>(null);

  useEffect(() => {
    if (problems.length > 0) return;
    const s = useStore.getState();
    if (!s.meta) return;
    let live = true;
    simulateApi
      .analyze(flowToJourney(s.meta, s.nodes, s.edges))
      .then((r) => {
        if (!live) return;
        setSummary(r.summary);
        setWarnings(r.warnings ?? []);
      })
      .catch(
        (e: unknown) =>
          live &&
          setFailure(e instanceof ApiError && e.body.problems ? e.body.problems.map((p) => p.message).join('; ') : e instanceof Error ? e.message : String(e)),
      );
    return () => {
      live = false;
    };
  }, [problems.length]);

  const status = meta?.status;
  const journeyId = meta?.id;
  useEffect(() => {
    if (!journeyId || (status !== 'live' && status !== 'paused')) return;
    let live = true;
    simulateApi
      .stats(journeyId)
      .then((r) => live && setInside(r.nodes.reduce((sum, n) => sum + n.waiting, 0)))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [journeyId, status]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  if (!meta) return null;
  const locale = currentLocale();
  const perOrder = useStore.getState().nodes.some((n) => n.data.config.perOrder === true);
  const words = summary ? summaryInWords(summary, meta.settings, locale, perOrder, useStore.getState().channels) : null;
  const next = meta.version + 1;
  const running = meta.status === 'live' || meta.status === 'paused';
  const ready = problems.length === 0 && words !== null;

  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div
        className="dialog card"
        role="dialog"
        aria-modal="true"
        aria-labelledby="publish-title"
        data-testid="publish-dialog"
        onClick={(e) => e.stopPropagation()}
        lang={i18n.language}
      >
        <h2 id="publish-title">{t('publish.title', { name: meta.name })}</h2>
        {problems.length > 0 ? (
          <div data-testid="publish-problems">
            <p>{t('publish.problems')}</p>
            <ul>
              {problems.map((p, i) => (
                <li key={i}>
                  {p.message} {p.path && <code>{p.path}</code>}
                </li>
              ))}
            </ul>
          </div>
        ) : failure ? (
          <p className="notice notice-error" role="alert" data-testid="publish-failure">
            {t('publish.failed', { message: failure })}
          </p>
        ) : !words ? (
          <p className="muted">{t('publish.checking')}</p>
        ) : (
          <dl className="publish-summary" data-testid="publish-summary">
            <dt>{t('publish.worstCase')}</dt>
            <dd data-testid="publish-messages">{words.messages}</dd>
            {words.unbounded.map((channel) => (
              <dd key={channel} className="publish-warning" data-testid="publish-loop-warning">
                ⚠ {t('publish.loopWarning', { channel })}
              </dd>
            ))}
            {warnings.length > 0 && <dt>{t('publish.warnings')}</dt>}
            {warnings.map((w, i) => (
              <dd key={`${w.path}:${i}`} className="publish-warning" data-testid="publish-warning" data-node-id={w.nodeId}>
                ⚠ {w.message} <code>{w.path}</code>
              </dd>
            ))}
            <dt>{t('publish.stay')}</dt>
            <dd data-testid="publish-stay">{words.stay}</dd>
            <dt>{t('publish.entry')}</dt>
            <dd data-testid="publish-entry">{words.entry}</dd>
            <dd className="muted small" data-testid="publish-version">
              {running
                ? inside === null
                  ? t('publish.version', { next })
                  : t('publish.versionInside', { next, count: inside })
                : t('publish.firstVersion', { next })}
            </dd>
          </dl>
        )}
        <div className="row dialog-actions">
          <button type="button" className="btn" onClick={onClose} data-testid="publish-cancel">
            {t('publish.cancel')}
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={!ready}
            onClick={() => {
              onClose();
              void publishJourney();
            }}
            data-testid="publish-confirm"
          >
            {t('publish.confirm')}
          </button>
        </div>
      </div>
    </div>
  );
}
