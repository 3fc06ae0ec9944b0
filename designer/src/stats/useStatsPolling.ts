import { useEffect } from 'react';
import { statsApi } from '../api/stats';
import { useStore } from '../store';

/** How often the figures are read again while shown. */
export const STATS_POLL_MS = 5000;

/**
 * While the figures are shown, reads them now and every few seconds (and again when `tick`
 * changes: the refresh button). Answers for another journey or version than the one now asked
 * for are dropped, so a slow answer cannot overwrite a newer choice.
 */
export function useStatsPolling(tick: number): void {
  const open = useStore((s) => s.statsOpen);
  const journeyId = useStore((s) => s.meta?.id);
  const version = useStore((s) => s.statsVersion);
  useEffect(() => {
    if (!open || !journeyId) return;
    let live = true;
    const read = async () => {
      try {
        const r = await statsApi.get(journeyId, version);
        if (!live) return;
        useStore.getState().setStats({ journeyId, byNode: Object.fromEntries(r.nodes.map((n) => [n.nodeId, n])), asOf: r.asOf });
      } catch (e) {
        if (live) useStore.getState().setStats(null, e instanceof Error ? e.message : String(e));
      }
    };
    void read();
    const timer = window.setInterval(() => void read(), STATS_POLL_MS);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [open, journeyId, version, tick]);
}
