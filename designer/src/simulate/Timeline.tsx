import { useTranslation } from 'react-i18next';
import { channelName } from '../editor/publishSummary';
import { currentLocale } from '../i18n';
import { useStore } from '../store';
import { formatElapsed, formatVirtualTime } from './format';
import type { TimelineEntry } from './timeline';

interface Props {
  entries: TimelineEntry[];
  /** The simulation's start, for "+25 分钟". */
  start: string;
  zone: string;
  titleOf(nodeId: string): string;
  portLabel(nodeId: string, port: string): string;
  onPick(nodeId: string): void;
}

/** The simulation's answer, one entry per step, message and the end; clicking one selects its step. */
export function Timeline({ entries, start, zone, titleOf, portLabel, onPick }: Props) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const channels = useStore((s) => s.channels);
  const messages = entries.filter((e) => e.kind === 'message').length;
  return (
    <section className="sim-timeline" aria-label={t('simulate.timeline')}>
      <h3>
        {t('simulate.timeline')} <span className="muted small">· {t('simulate.messagesCount', { count: messages })}</span>
      </h3>
      <p className="muted small">{t('simulate.timesIn', { zone })}</p>
      <ol data-testid="sim-timeline">
        {entries.map((e, i) => {
          const time = e.at ? (
            <span className="sim-time" title={e.at}>
              {formatVirtualTime(e.at, zone, locale)} <span className="muted">{formatElapsed(e.at, start, locale)}</span>
            </span>
          ) : null;
          const pick = e.nodeId ? () => onPick(e.nodeId!) : undefined;
          return (
            <li key={i} className={`sim-entry sim-${e.kind}`} data-testid={`sim-entry-${i}`} data-kind={e.kind} data-node-id={e.nodeId ?? undefined}>
              <button type="button" className="sim-entry-button" onClick={pick} disabled={!pick}>
                {time}
                {e.kind === 'step' && (
                  <span className="sim-what">
                    <strong>{titleOf(e.nodeId)}</strong>{' '}
                    {t(`simulate.what.${e.what}`, { detail: e.detail ?? '', port: e.port ? portLabel(e.nodeId, e.port) : '' })}
                    {e.what === 'acted' && e.detail ? <span className="muted small"> · {e.detail}</span> : null}
                  </span>
                )}
                {e.kind === 'message' && (
                  <span className="sim-message" data-channel={e.message.channel} data-status={e.message.status}>
                    <strong>{channelName(e.message.channel, locale, channels)}</strong>{' '}
                    <span className={`sim-status sim-status-${e.message.status}`}>
                      {t(`simulate.status.${e.message.status}`, { defaultValue: e.message.status })}
                    </span>
                    {e.message.subject ? <span className="sim-subject">{e.message.subject}</span> : null}
                    <span className="sim-text">{e.message.text}</span>
                  </span>
                )}
                {e.kind === 'end' && <strong className="sim-end-text">{endText(e, (key, options) => t(key, options ?? {}), titleOf)}</strong>}
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function endText(
  e: Extract<TimelineEntry, { kind: 'end' }>,
  t: (key: string, options?: Record<string, string>) => string,
  titleOf: (id: string) => string,
): string {
  if (e.reason.startsWith('exit-when ')) return t('simulate.end.exit-when', { event: e.reason.slice('exit-when '.length) });
  if (e.reason === 'still-inside') return t('simulate.end.still-inside', { step: e.nodeId ? titleOf(e.nodeId) : '' });
  if (['exit-node', 'not-entered', 'step-limit'].includes(e.reason)) return t(`simulate.end.${e.reason}`);
  return t('simulate.end.other', { reason: e.reason });
}
