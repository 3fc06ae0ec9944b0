import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n';
import type { CustomerDetail } from './api';
import { explanationLines } from './explain-words';

const day = (iso: string | null, locale: string) => (iso ? new Date(iso).toLocaleDateString(locale) : '—');

/** Who the customer is, and their facts with why each layer is what it is. */
export function CustomerProfile({ detail }: { detail: CustomerDetail }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { customer, facts, explanation } = detail;
  const rows: [string, string | null][] = [
    ['id', customer.id],
    ['name', customer.name],
    ['phone', customer.phone],
    ['email', customer.email],
    ['region', customer.region],
    ['birthday', customer.birthday],
    ['timezone', customer.timezone],
  ];
  const factRows: [string, string][] = [
    ['orderCount', String(facts.orderCount)],
    ['totalSpend', `¥${facts.totalSpend.toLocaleString(locale)}`],
    ['aov', facts.aov === null ? '—' : `¥${facts.aov.toLocaleString(locale)}`],
    ['firstOrderAt', day(facts.firstOrderAt, locale)],
    ['lastOrderAt', day(facts.lastOrderAt, locale)],
    ['daysToBirthday', facts.daysToBirthday === null ? '—' : String(facts.daysToBirthday)],
  ];
  return (
    <div className="customer-profile">
      <section className="card" data-testid="customer-profile">
        <h2>{customer.name ?? customer.id}</h2>
        <dl>
          {rows.map(([key, value]) => (
            <div key={key}>
              <dt>{t(`customersPage.profile.${key}`)}</dt>
              <dd>{value ?? '—'}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section className="card" data-testid="customer-subscriptions">
        <h2>{t('customersPage.subscriptions.title')}</h2>
        <dl>
          {(['sms', 'email'] as const).map((channel) => {
            const s = detail.subscriptions[channel];
            const when = s.at ? new Date(s.at).toLocaleString(locale) : null;
            return (
              <div key={channel} data-testid={`subscription-${channel}`} data-state={s.state}>
                <dt>{t(`customersPage.subscriptions.${channel}`)}</dt>
                <dd>
                  {t(`customersPage.subscriptions.${s.state}`)}
                  {' · '}
                  {when && s.via
                    ? t('customersPage.subscriptions.since', { when, via: t(`customersPage.subscriptions.via.${s.via}`) })
                    : t('customersPage.subscriptions.never')}
                </dd>
              </div>
            );
          })}
        </dl>
        <p className="customer-note small">{t('customersPage.subscriptions.note')}</p>
      </section>
      <section className="card" data-testid="customer-facts">
        <h2>{t('customersPage.facts.title')}</h2>
        <dl>
          {factRows.map(([key, value]) => (
            <div key={key}>
              <dt>{t(`customersPage.facts.${key}`)}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        <ul className="explanations" data-testid="customer-explanations">
          {explanationLines(t, explanation, locale, facts.rfm?.segment ?? null).map((line) => (
            <li key={line.key} data-testid={`explain-${line.key}`}>
              {line.text}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
