import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http';
import { messagesApi } from './api';

const eventTypes = ['order.created', 'order.paid', 'order.shipped', 'order.delivered', 'order.closed', 'order.refunded'] as const;

type Outcome = { kind: 'sent'; id: string; type: string } | { kind: 'refused'; lines: string[] } | null;

const newOrderId = () => `T${Date.now().toString().slice(-8)}`;

/**
 * Posts one order event for a test customer, as the shop's system would: a marketer trying a
 * journey (the payment reminder, say) sees it start without writing a request by hand. The order
 * id stays between sends, so "paid" after "created" pays the same order.
 */
export function TestEventForm({ onSent }: { onSent(): void }) {
  const { t } = useTranslation();
  const [type, setType] = useState<(typeof eventTypes)[number]>('order.created');
  const [customerId, setCustomerId] = useState('test-customer-1');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [orderId, setOrderId] = useState(newOrderId);
  const [amount, setAmount] = useState('128');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const contact = { ...(name.trim() ? { name: name.trim() } : {}), ...(phone.trim() ? { phone: phone.trim() } : {}) };
    const data: Record<string, unknown> = { orderId: orderId.trim() };
    if (amount.trim() !== '') data.amount = Number(amount);
    if (Object.keys(contact).length > 0) data.customer = contact;
    const id = `test-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    try {
      const answer = await messagesApi.postEvent({ id, type, customerId: customerId.trim(), occurredAt: new Date().toISOString(), data });
      setOutcome({ kind: 'sent', id: answer.accepted[0]?.id ?? id, type });
      onSent();
    } catch (err) {
      const problems =
        err instanceof ApiError ? (err.body as { rejected?: { problems: { path: string; message: string }[] }[] }).rejected?.[0]?.problems : undefined;
      setOutcome({ kind: 'refused', lines: problems?.map((p) => `${p.path}: ${p.message}`) ?? [err instanceof Error ? err.message : String(err)] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card test-event" onSubmit={(e) => void submit(e)} data-testid="test-event-form">
      <h2>{t('messages.test.title')}</h2>
      <p className="muted">{t('messages.test.help')}</p>
      <div className="test-event-grid">
        <label>
          {t('messages.test.type')}
          <select value={type} onChange={(e) => setType(e.target.value as (typeof eventTypes)[number])} data-testid="test-event-type">
            {eventTypes.map((et) => (
              <option key={et} value={et}>
                {t(`messages.eventType.${et.replace('.', '_')}`)} ({et})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('messages.test.customerId')}
          <input value={customerId} required maxLength={200} onChange={(e) => setCustomerId(e.target.value)} data-testid="test-event-customer" />
        </label>
        <label>
          {t('messages.test.name')}
          <input
            value={name}
            maxLength={200}
            onChange={(e) => setName(e.target.value)}
            placeholder={t('messages.test.namePlaceholder')}
            data-testid="test-event-name"
          />
        </label>
        <label>
          {t('messages.test.phone')}
          <input
            value={phone}
            maxLength={50}
            inputMode="tel"
            onChange={(e) => setPhone(e.target.value)}
            placeholder="13800001234"
            data-testid="test-event-phone"
          />
        </label>
        <label>
          {t('messages.test.orderId')}
          <span className="inline-field">
            <input value={orderId} required maxLength={200} onChange={(e) => setOrderId(e.target.value)} data-testid="test-event-order" />
            <button type="button" className="btn btn-ghost" onClick={() => setOrderId(newOrderId())}>
              {t('messages.test.newOrder')}
            </button>
          </span>
        </label>
        <label>
          {t('messages.test.amount')}
          <input value={amount} inputMode="decimal" onChange={(e) => setAmount(e.target.value)} data-testid="test-event-amount" />
        </label>
      </div>
      <div className="test-event-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="test-event-send">
          {t('messages.test.send')}
        </button>
        {outcome?.kind === 'sent' && (
          <span className="notice notice-success" role="status" data-testid="test-event-sent">
            {t('messages.test.sent', { type: outcome.type, id: outcome.id })}
          </span>
        )}
        {outcome?.kind === 'refused' && (
          <ul className="notice notice-error" role="alert" data-testid="test-event-refused">
            {outcome.lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
      </div>
    </form>
  );
}
