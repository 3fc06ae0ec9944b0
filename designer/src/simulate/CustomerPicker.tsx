import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lifecycleStages, tierIds } from '../../../engine/facts/settings';
import { simulateApi, type CustomerRow } from './api';
import type { CustomerChoice, CustomerDraft } from './request';

export const emptyCustomer = (timezone: string): CustomerDraft => ({
  id: 'sim-customer',
  name: '',
  phone: '',
  email: '',
  timezone,
  birthday: '',
  orderCount: '',
  totalSpend: '',
  tags: '',
  stage: '',
  tier: '',
});

const ZONES = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Taipei',
  'Asia/Tokyo',
  'Asia/Singapore',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'UTC',
];

/** Who to simulate: a made-up customer (profile and the facts decisions read) or a stored one. */
export function CustomerPicker({ choice, onChange }: { choice: CustomerChoice; onChange(choice: CustomerChoice): void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<CustomerDraft>(choice.kind === 'made-up' ? choice.draft : emptyCustomer('Asia/Shanghai'));
  const [rows, setRows] = useState<CustomerRow[] | null>(null);
  const [filter, setFilter] = useState('');
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const edit = (field: keyof CustomerDraft, value: string) => {
    const next = { ...draft, [field]: value };
    setDraft(next);
    onChange({ kind: 'made-up', draft: next });
  };
  const load = async () => {
    setLoading(true);
    setError(null);
    try {
      setRows((await simulateApi.customers()).customers);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setLoading(false);
    }
  };
  const pick = async (id: string) => {
    onChange({ kind: 'real', id, timezone: null });
    // The customer's own zone decides their wall clock, as in a real run.
    try {
      const { customer } = await simulateApi.customer(id);
      onChange({ kind: 'real', id, timezone: customer.timezone });
    } catch {
      /* the journey's zone is used */
    }
  };

  const text = (field: keyof CustomerDraft, extra: { type?: string; list?: string; placeholder?: string } = {}) => (
    <label className="sim-field">
      <span>{t(`simulate.${field}`)}</span>
      <input value={draft[field]} onChange={(e) => edit(field, e.target.value)} data-testid={`sim-${field}`} {...extra} />
    </label>
  );
  const select = (field: 'stage' | 'tier', values: readonly string[], labels: string) => (
    <label className="sim-field">
      <span>{t(`simulate.${field}`)}</span>
      <select value={draft[field]} onChange={(e) => edit(field, e.target.value)} data-testid={`sim-${field}`}>
        <option value="">{t('simulate.any')}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {t(`${labels}.${v}`)}
          </option>
        ))}
      </select>
    </label>
  );
  const needle = filter.trim().toLowerCase();
  const shown = (rows ?? []).filter((r) => !needle || r.id.toLowerCase().includes(needle) || (r.name ?? '').toLowerCase().includes(needle)).slice(0, 30);

  return (
    <fieldset className="sim-customer">
      <legend>{t('simulate.customer')}</legend>
      <div className="sim-choice" role="radiogroup">
        <label>
          <input type="radio" checked={choice.kind === 'made-up'} onChange={() => onChange({ kind: 'made-up', draft })} data-testid="sim-customer-made-up" />{' '}
          {t('simulate.madeUp')}
        </label>
        <label>
          <input
            type="radio"
            checked={choice.kind === 'real'}
            onChange={() => onChange({ kind: 'real', id: '', timezone: null })}
            data-testid="sim-customer-real"
          />{' '}
          {t('simulate.real')}
        </label>
      </div>
      {choice.kind === 'made-up' ? (
        <div className="sim-grid">
          {text('name')}
          {text('phone', { type: 'tel' })}
          {text('email', { type: 'email' })}
          {text('timezone', { list: 'sim-zones' })}
          <datalist id="sim-zones">
            {ZONES.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
          {text('birthday', { type: 'date' })}
          {text('orderCount', { type: 'number' })}
          {text('totalSpend', { type: 'number' })}
          {text('tags', { placeholder: t('simulate.tagsHint') })}
          {select('stage', lifecycleStages, 'kpi.stages')}
          {select('tier', tierIds, 'kpi.tiers')}
        </div>
      ) : (
        <div className="sim-real">
          <div className="row">
            <input
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              placeholder={t('simulate.filter')}
              aria-label={t('simulate.filter')}
              data-testid="sim-customer-filter"
            />
            <button type="button" className="btn" onClick={() => void load()} disabled={loading} data-testid="sim-customer-load">
              {loading ? t('simulate.loading') : t('simulate.load')}
            </button>
          </div>
          {error && <p className="notice notice-error">{error}</p>}
          {rows && shown.length === 0 && <p className="muted small">{t('simulate.noCustomers')}</p>}
          <ul className="sim-customers">
            {shown.map((r) => (
              <li key={r.id}>
                <button
                  type="button"
                  className={`sim-customer-row ${choice.id === r.id ? 'is-chosen' : ''}`}
                  onClick={() => void pick(r.id)}
                  data-testid={`sim-pick-${r.id}`}
                >
                  <code>{r.id}</code> {r.name ?? ''} <span className="muted small">{t(`kpi.stages.${r.stage}`, { defaultValue: r.stage })}</span>
                </button>
              </li>
            ))}
          </ul>
          {choice.id && <p className="small">{t('simulate.chosen', { id: choice.id })}</p>}
        </div>
      )}
    </fieldset>
  );
}
