import type { StateCreator } from 'zustand';
import type { NodeStats } from '../api/stats';
import type { Store } from './index';

/**
 * The live figures shown on the canvas (数据/Stats): whether they are shown, for which published
 * version, and the last answer. A slice of its own, so a step subscribes to its one entry and the
 * editor's slice does not know about figures.
 */
export interface StatsSlice {
  statsOpen: boolean;
  /** A published version, or every version together. */
  statsVersion: number | 'all';
  /** The last figures read, by node id, for `journeyId` (null: none yet). */
  stats: { journeyId: string; byNode: Record<string, NodeStats>; asOf: string } | null;
  statsError: string | null;
  setStatsOpen(open: boolean): void;
  setStatsVersion(version: number | 'all'): void;
  setStats(stats: StatsSlice['stats'], error?: string | null): void;
}

export const createStatsSlice: StateCreator<Store, [], [], StatsSlice> = (set) => ({
  statsOpen: false,
  statsVersion: 'all',
  stats: null,
  statsError: null,
  // Closing forgets the figures: opening again must not show numbers from minutes ago.
  setStatsOpen: (open) => set(open ? { statsOpen: true } : { statsOpen: false, stats: null, statsError: null }),
  setStatsVersion: (statsVersion) => set({ statsVersion, stats: null, statsError: null }),
  setStats: (stats, error = null) => set(error ? { statsError: error } : { stats, statsError: null }),
});
