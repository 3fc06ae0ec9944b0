import { useSyncExternalStore } from 'react';

/**
 * The designer's sections live in the hash, beside the open journey's `#/journeys/<id>`:
 * `#/kpis` (with `?asOf=&periodDays=`), `#/data` and `#/messages`. Anything else is the journeys section, so
 * the addresses the designer used before keep working.
 */
export type View = 'journeys' | 'kpis' | 'data' | 'messages';

export function viewOf(hash: string): View {
  if (hash === '#/kpis' || hash.startsWith('#/kpis?')) return 'kpis';
  if (hash === '#/data' || hash.startsWith('#/data?')) return 'data';
  if (hash === '#/messages' || hash.startsWith('#/messages?')) return 'messages';
  return 'journeys';
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
