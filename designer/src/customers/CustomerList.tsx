import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rfmSegmentLabels, type RfmSegment } from '../../../engine/facts/rfm';
import { currentLocale } from '../i18n';
import { replaceHashParams } from '../nav/route';
import { fetchCustomerCount, fetchCustomerPage, type CustomerCount, type CustomerPage } from './api';
import { FilterBar } from './FilterBar';
import { filtersFromHash, type Filters } from './filters';

const PAGE = 50;

/**
 * Every customer of the shop, filtered, with the count of matches and keyset pages: the cursors of
 * the pages seen are kept, so "previous" goes back to the cursor before.
 */
export function CustomerList() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [filters, setFilters] = useState<Filters>(filtersFromHash);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState<CustomerPage | null>(null);
  const [count, setCount] = useState<CustomerCount | null>(null);
  const [error, setError] = useState<string | null>(null);
  const cursor = cursors[cursors.length - 1];

  useEffect(() => {
    let cancelled = false;
    setCount(null);
    fetchCustomerCount(filters)
      .then((c) => !cancelled && setCount(c))
      .catch((e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      cancelled = true;
    };
  }, [filters]);
  useEffect(() => {
    let cancelled = false;
    fetchCustomerPage(filters, cursor, PAGE)
      .then((p) => {
        if (cancelled) return;
        setPage(p);
        setError(null);
      })
      .catch((e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      cancelled = true;
    };
  }, [filters, cursor]);

  const apply = (next: Filters) => {
    replaceHashParams('customers', next);
    setFilters(next);
    setCursors([undefined]);
  };

  return (
    <>
      <FilterBar value={filters} onApply={apply} />
      <p className="customer-count" data-testid="customer-count">
        {count ? t('customersPage.count', { count: count.count, formattedCount: count.count.toLocaleString(locale) }) : t('customersPage.counting')}
        {count && (
          <span className="customer-by-stage" data-testid="customer-by-stage">
            {' · '}
            {Object.entries(count.byStage)
              .map(([stage, n]) => `${t(`kpi.stages.${stage}`)} ${n.toLocaleString(locale)}`)
              .join(' · ')}
          </span>
        )}
      </p>
      {error && <p className="error">{t('customersPage.failed', { message: error })}</p>}
      <table className="customer-table" data-testid="customer-table">
        <thead>
          <tr>
            {(['customer', 'phone', 'region', 'stage', 'tier', 'rfm', 'spend', 'orders', 'last', 'tags'] as const).map((c) => (
              <th key={c}>{t(`customersPage.columns.${c}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {page?.customers.map((c) => (
            <tr key={c.id} data-testid="customer-row" data-id={c.id}>
              <td>
                <a href={`#/customers/${encodeURIComponent(c.id)}`}>{c.name ?? c.id}</a>
                <div className="muted">{c.id}</div>
              </td>
              <td>{c.phone ?? ''}</td>
              <td>{c.region ?? ''}</td>
              <td>{t(`kpi.stages.${c.stage}`)}</td>
              <td>{t(`kpi.tiers.${c.tier}`)}</td>
              <td>{c.rfmSegment ? (rfmSegmentLabels[c.rfmSegment as RfmSegment]?.[locale] ?? c.rfmSegment) : ''}</td>
              <td>¥{c.facts.totalSpend.toLocaleString(locale)}</td>
              <td>{c.facts.orderCount}</td>
              <td>{c.facts.recencyDays === null ? t('customersPage.never') : t('customersPage.daysAgo', { count: c.facts.recencyDays })}</td>
              <td>
                {c.tags.map((tag) => (
                  <span key={tag} className="tag-chip">
                    {tag}
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {page && page.customers.length === 0 && <p data-testid="customer-empty">{t('customersPage.empty')}</p>}
      <nav className="customer-pages">
        <button type="button" disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))} data-testid="page-previous">
          {t('customersPage.previous')}
        </button>
        <span data-testid="page-number">{t('customersPage.page', { page: cursors.length })}</span>
        <button
          type="button"
          disabled={!page?.nextCursor}
          onClick={() => page?.nextCursor && setCursors((c) => [...c, page.nextCursor!])}
          data-testid="page-next"
        >
          {t('customersPage.next')}
        </button>
      </nav>
    </>
  );
}
