import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n';
import { registry } from '../model/registry';
import type { CustomerActivity } from './api';

const when = (iso: string | null, locale: string) => (iso ? new Date(iso).toLocaleString(locale) : '—');

/** One bounded list of the customer's page: a heading, a table, or a line saying there is none. */
function Section({ id, title, empty, head, rows }: { id: string; title: string; empty: string; head: string[]; rows: ReactNode[][] }) {
  const { t } = useTranslation();
  return (
    <section className="card" data-testid={`customer-${id}`}>
      <h2>{title}</h2>
      {rows.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <>
          <table className="customer-table">
            <thead>
              <tr>
                {head.map((h) => (
                  <th key={h}>{h}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((cells, i) => (
                <tr key={i}>
                  {cells.map((c, j) => (
                    <td key={j}>{c}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">{t('customersPage.shownNewest', { count: rows.length })}</p>
        </>
      )}
    </section>
  );
}

/** Orders, journeys with the step each waits at, messages and coupons: the newest of each. */
export function CustomerActivityView({ activity }: { activity: CustomerActivity }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const w = (key: string) => t(`customersPage.${key}`);
  const stepName = (type: string | null, nodeId: string) => (type ? (registry.get(type)?.labels[locale].title ?? type) : nodeId);
  return (
    <div className="customer-activity">
      <Section
        id="orders"
        title={w('orders.title')}
        empty={w('orders.none')}
        head={[w('orders.id'), w('orders.status'), w('orders.amount'), w('orders.created')]}
        rows={activity.orders.map((o) => [
          o.id,
          t(`customersPage.orderStatus.${o.status}`, { defaultValue: o.status }),
          `¥${o.amount.toLocaleString(locale)}`,
          when(o.createdAt, locale),
        ])}
      />
      <Section
        id="journeys"
        title={w('journeys.title')}
        empty={w('journeys.none')}
        head={[w('journeys.journey'), w('journeys.version'), w('journeys.status'), w('journeys.step'), w('journeys.started')]}
        rows={activity.journeys.map((j) => [
          <a key="j" href={`#/journeys/${encodeURIComponent(j.journeyId)}`}>
            {j.journeyName ?? j.journeyId}
          </a>,
          `v${j.version}`,
          t(`customersPage.journeyStatus.${j.status}`, { defaultValue: j.status }),
          j.step ? `${stepName(j.step.type, j.step.nodeId)} (${j.step.nodeId})` : j.status === 'active' ? w('journeys.moving') : '—',
          when(j.startedAt, locale),
        ])}
      />
      <Section
        id="messages"
        title={w('messages.title')}
        empty={w('messages.none')}
        head={[w('messages.channel'), w('messages.text'), w('messages.status'), w('messages.journey'), w('messages.created')]}
        rows={activity.messages.map((m) => [
          `${m.channel}${m.recipient ? ` → ${m.recipient}` : ''}`,
          m.subject ? `${m.subject}: ${m.text}` : m.text,
          t(`messages.status.${m.status}`, { defaultValue: m.status }),
          m.journeyName ?? m.journeyId,
          when(m.createdAt, locale),
        ])}
      />
      <Section
        id="coupons"
        title={w('coupons.title')}
        empty={w('coupons.none')}
        head={[w('coupons.code'), w('coupons.campaign'), w('coupons.issued'), w('coupons.expires'), w('coupons.redeemed')]}
        rows={activity.coupons.map((c) => [
          c.code,
          c.campaignName ?? c.campaignId,
          when(c.issuedAt, locale),
          when(c.expiresAt, locale),
          when(c.redeemedAt, locale),
        ])}
      />
    </div>
  );
}
