import { useSyncExternalStore } from 'react';

/**
 * The designer's sections live in the hash, beside the open journey's `#/journeys/<id>`:
 * `#/kpis` (with `?asOf=&periodDays=`), `#/data`, `#/messages`, and the CRM workspace's
 * `#/customers` (a customer's page at `#/customers/<id>`), `#/segments`, `#/tags` and `#/settings`.
 * Anything else is the journeys section, so the addresses the designer used before keep working.
 */
export const sections = ['kpis', 'customers', 'segments', 'tags', 'data', 'messages', 'settings'] as const;
export type View = 'journeys' | (typeof sections)[number];

export function viewOf(hash: string): View {
  for (const section of sections) {
    const prefix = `#/${section}`;
    if (hash === prefix || hash.startsWith(`${prefix}?`) || hash.startsWith(`${prefix}/`)) return section;
  }
  return 'journeys';
}

/** The path after a section's name (`#/customers/c-1?x` → `c-1`), decoded; null when there is none. */
export function subPath(view: Exclude<View, 'journeys'>, hash: string = window.location.hash): string | null {
  const prefix = `#/${view}/`;
  if (!hash.startsWith(prefix)) return null;
  const rest = hash.slice(prefix.length).split('?')[0]!;
  if (rest === '') return null;
  try {
    return decodeURIComponent(rest);
  } catch {
    return null;
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  window.addEventListener('popstate', onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
    window.removeEventListener('popstate', onChange);
  };
}

/** The section the address names; follows links, back and forward. */
export function useView(): View {
  return useSyncExternalStore(subscribe, () => viewOf(window.location.hash));
}

/** The query part of the hash (`#/kpis?asOf=…`). */
export function hashParams(): URLSearchParams {
  const hash = window.location.hash;
  const q = hash.indexOf('?');
  return new URLSearchParams(q === -1 ? '' : hash.slice(q + 1));
}

/** Replaces the section's query in the address (no new history entry), so a reload keeps it. */
export function replaceHashParams(view: Exclude<View, 'journeys'>, params: Record<string, string | undefined>): void {
  const search = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));
  const query = search.toString();
  window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/${view}${query ? `?${query}` : ''}`);
}
