import { useCallback, useEffect, useState } from 'react';
import { fetchKpis, type KpisResponse } from '../api/kpis';

export type KpiState =
  | { status: 'loading'; data: KpisResponse | null }
  | { status: 'ready'; data: KpisResponse }
  | { status: 'error'; message: string; data: KpisResponse | null };

/** The board for the chosen date and period; keeps the last answer on screen while the next loads. */
export function useKpis(asOf: string | undefined, periodDays: number): { state: KpiState; reload: () => void } {
  const [state, setState] = useState<KpiState>({ status: 'loading', data: null });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let cancelled = false;
    setState((s) => ({ status: 'loading', data: s.data }));
    fetchKpis({ asOf, periodDays })
      .then((data) => !cancelled && setState({ status: 'ready', data }))
      .catch((e: unknown) => !cancelled && setState((s) => ({ status: 'error', message: e instanceof Error ? e.message : String(e), data: s.data })));
    return () => {
      cancelled = true;
    };
  }, [asOf, periodDays, attempt]);
  return { state, reload: useCallback(() => setAttempt((n) => n + 1), []) };
}
