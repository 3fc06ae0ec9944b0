import { hashParams } from '../nav/route';

/** The filter bar's values as the list's query takes them (strings; empty ones left out). */
export const filterKeys = [
  'stage',
  'tier',
  'tag',
  'rfm',
  'spendMin',
  'spendMax',
  'ordersMin',
  'ordersMax',
  'lastWithinDays',
  'lastOverDays',
  'lastFrom',
  'lastTo',
  'region',
  'hasPhone',
  'hasEmail',
  'unsubscribed',
] as const;
export type FilterKey = (typeof filterKeys)[number];
export type Filters = Partial<Record<FilterKey, string>>;

/** The filters in the address (`#/customers?stage=active&tag=…`), so a reload or a link keeps them. */
export function filtersFromHash(): Filters {
  const params = hashParams();
  const filters: Filters = {};
  for (const key of filterKeys) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

/** Without the empty ones. */
export const given = (filters: Filters): Filters => Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== '')) as Filters;
