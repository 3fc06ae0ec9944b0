import './messages.css';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n';
import { channelName } from '../model/channels';
import { useStore } from '../store';
import { messagesApi, type SentMessage } from './api';
import { reasonText } from './reason';
import { TestEventForm } from './TestEventForm';

const REFRESH_MS = 5_000;

type State = { status: 'loading' } | { status: 'ready'; messages: SentMessage[] } | { status: 'failed'; message: string };

/**
 * The messages page (`#/messages`): what journeys sent, newest first, refreshed while open, and a
 * form that posts a test order event — the way to watch a journey work before the shop's system
 * is connected.
 */
export default function MessagesPage() {
  const { t, i18n } = useTranslation();
  const channels = useStore((s) => s.channels);
  const [state, setState] = useState<State>({ status: 'loading' });

  const load = useCallback(async () => {
    try {
      const { messages } = await messagesApi.list();
      setState({ status: 'ready', messages });
    } catch (e) {
      setState({ status: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
  }, []);

  useEffect(() => {
    void load();
    const timer = window.setInterval(() => void load(), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [load]);

  const time = new Intl.DateTimeFormat(i18n.language, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const statusText = (status: string) => t(`messages.status.${status}`, { defaultValue: status });

  return (
    <main className="list-page messages-page" data-testid="messages-page" data-state={state.status}>
      <TestEventForm onSent={() => window.setTimeout(() => void load(), 1_000)} />
      <section className="card">
        <div className="messages-head">
          <h1>{t('messages.title')}</h1>
          <button type="button" className="btn" onClick={() => void load()} data-testid="messages-refresh">
            {t('messages.refresh')}
          </button>
        </div>
        <p className="muted">{t('messages.help')}</p>
        {state.status === 'failed' && (
          <p className="notice notice-error" role="alert">
            {t('messages.failed', { message: state.message })}
          </p>
        )}
        {state.status === 'ready' && state.messages.length === 0 && (
          <p className="muted" data-testid="messages-empty">
            {t('messages.empty')}
          </p>
        )}
        {state.status === 'ready' && state.messages.length > 0 && (
          <table className="journey-table messages-table" data-testid="messages-table">
            <thead>
              <tr>
                <th>{t('messages.col.time')}</th>
                <th>{t('messages.col.journey')}</th>
                <th>{t('messages.col.channel')}</th>
                <th>{t('messages.col.recipient')}</th>
                <th>{t('messages.col.text')}</th>
                <th>{t('messages.col.status')}</th>
                <th>{t('messages.col.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {state.messages.map((m) => (
                <tr key={m.id} data-testid="message-row" data-channel={m.channel} data-status={m.status} data-journey={m.journeyId} data-node={m.nodeId}>
                  <td className="nowrap">{time.format(new Date(m.sentAt ?? m.createdAt))}</td>
                  <td>
                    <a href={`#/journeys/${encodeURIComponent(m.journeyId)}`}>{m.journeyId}</a>
                    <span className="muted">
                      {' '}
                      v{m.journeyVersion} · {m.nodeId}
                    </span>
                  </td>
                  <td className="nowrap">{channelName(m.channel, currentLocale(), channels)}</td>
                  <td className="nowrap">{m.recipient ?? '—'}</td>
                  <td className="message-text">
                    {m.subject && <strong>{m.subject} · </strong>}
                    {m.text}
                  </td>
                  <td className={`nowrap message-status status-${m.status}`} title={m.lastError ?? undefined}>
                    {statusText(m.status)}
                    {/* Aliyun's or Tencent's own answer code (OK, isv.BUSINESS_LIMIT_CONTROL…), its message on hover. */}
                    {m.providerCode && (
                      <div className="muted" data-testid="message-provider-code" title={m.providerMessage ?? undefined}>
                        {m.providerCode}
                      </div>
                    )}
                  </td>
                  <td className="message-reason muted" data-testid="message-reason" data-reason={m.reason?.code}>
                    {reasonText(m, t, (iso) => time.format(new Date(iso))) ?? ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}
