import { useTranslation } from 'react-i18next';
import type { EventDraft } from './request';

// The events shops send most; any other type can be typed.
export const EVENT_TYPES = [
  'order.created',
  'order.paid',
  'order.shipped',
  'order.delivered',
  'order.closed',
  'order.refunded',
  'customer.updated',
  'customer.tagged',
  'stage.changed',
  'tier.changed',
];

let nextKey = 1;
export function newEvent(type: string, offset: string, data: string): EventDraft {
  return { key: nextKey++, type, offset, data };
}

/** Data a new event of this type starts with: order events carry the order the trigger saw. */
export function sampleData(type: string, orderId = 'SIM-1001'): string {
  if (type === 'order.created') return JSON.stringify({ orderId, amount: 199 });
  if (type.startsWith('order.')) return JSON.stringify({ orderId });
  return '{}';
}

/** The customer's events on a timeline from the start: type, "+2h", data as JSON. */
export function EventsEditor({ events, onChange, extraTypes }: { events: EventDraft[]; onChange(events: EventDraft[]): void; extraTypes: string[] }) {
  const { t } = useTranslation();
  const types = [...new Set([...extraTypes, ...EVENT_TYPES])];
  const edit = (i: number, patch: Partial<EventDraft>) => onChange(events.map((e, j) => (j === i ? { ...e, ...patch } : e)));
  const add = () => {
    const last = events.at(-1);
    // The order of the events before it, so "order.paid" pays that order without retyping its id.
    const orderId = (() => {
      try {
        return (JSON.parse(last?.data ?? '{}') as { orderId?: string }).orderId;
      } catch {
        return undefined;
      }
    })();
    onChange([...events, newEvent('order.paid', '+10m', sampleData('order.paid', orderId))]);
  };
  return (
    <fieldset className="sim-events">
      <legend>{t('simulate.events')}</legend>
      <datalist id="sim-event-types">
        {types.map((type) => (
          <option key={type} value={type} />
        ))}
      </datalist>
      <ol>
        {events.map((e, i) => (
          <li key={e.key} className="sim-event" data-testid={`sim-event-${i}`}>
            <label className="sim-field">
              <span>{t('simulate.eventType')}</span>
              <input list="sim-event-types" value={e.type} onChange={(x) => edit(i, { type: x.target.value })} data-testid={`sim-event-${i}-type`} />
            </label>
            <label className="sim-field sim-offset">
              <span>{t('simulate.offset')}</span>
              <input
                value={e.offset}
                placeholder={t('simulate.offsetHint')}
                title={t('simulate.offsetHint')}
                onChange={(x) => edit(i, { offset: x.target.value })}
                data-testid={`sim-event-${i}-offset`}
              />
            </label>
            <label className="sim-field sim-data">
              <span>{t('simulate.data')}</span>
              <textarea rows={2} value={e.data} onChange={(x) => edit(i, { data: x.target.value })} spellCheck={false} data-testid={`sim-event-${i}-data`} />
            </label>
            <button
              type="button"
              className="btn btn-ghost btn-small"
              onClick={() => onChange(events.filter((_, j) => j !== i))}
              data-testid={`sim-event-${i}-remove`}
            >
              {t('simulate.removeEvent')}
            </button>
          </li>
        ))}
      </ol>
      <button type="button" className="btn" onClick={add} data-testid="sim-add-event">
        {t('simulate.addEvent')}
      </button>
    </fieldset>
  );
}
