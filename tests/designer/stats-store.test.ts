import { describe, expect, it } from 'vitest';
import { useStore } from '../../designer/src/store';
import { statsEn } from '../../designer/src/i18n/stats-en';
import { statsZhCN } from '../../designer/src/i18n/stats-zh-CN';

const figures = (nodeId: string, entered: number) => ({
  nodeId,
  entered,
  waiting: 0,
  passed: entered,
  sent: 0,
  queued: 0,
  failed: 0,
  capped: 0,
  skipped: 0,
  converted: 0,
  actionsRefused: 0,
  actionsFailed: 0,
});

/** The 数据/Stats slice of the designer's real store: what is shown, for which version, and when it is forgotten. */
describe('designer: live figures slice', () => {
  const s = () => useStore.getState();

  it('starts hidden, for all versions, with no figures', () => {
    expect(s().statsOpen).toBe(false);
    expect(s().statsVersion).toBe('all');
    expect(s().stats).toBeNull();
  });

  it('forgets the figures when closed and when another version is chosen, so old numbers never show', () => {
    s().setStatsOpen(true);
    s().setStats({ journeyId: 'j', byNode: { wait: figures('wait', 4) }, asOf: '2026-11-23T08:00:00Z' });
    expect(s().stats?.byNode.wait?.entered).toBe(4);
    s().setStatsVersion(2);
    expect(s()).toMatchObject({ statsOpen: true, statsVersion: 2, stats: null });
    s().setStats({ journeyId: 'j', byNode: { wait: figures('wait', 1) }, asOf: '2026-11-23T08:00:05Z' });
    s().setStatsOpen(false);
    expect(s()).toMatchObject({ statsOpen: false, stats: null, statsError: null });
  });

  it('keeps the last figures when a read fails, and says why', () => {
    s().setStatsOpen(true);
    s().setStats({ journeyId: 'j', byNode: { wait: figures('wait', 3) }, asOf: '2026-11-23T08:00:00Z' });
    s().setStats(null, 'HTTP 503');
    expect(s().statsError).toBe('HTTP 503');
    expect(s().stats?.byNode.wait?.entered).toBe(3);
    s().setStats({ journeyId: 'j', byNode: {}, asOf: '2026-11-23T08:00:10Z' });
    expect(s().statsError).toBeNull();
    s().setStatsOpen(false);
  });

  it('has every string in both languages', () => {
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v as object, `${prefix}${k}.`)));
    expect(keys(statsZhCN).sort()).toEqual(keys(statsEn).sort());
    expect(statsZhCN.toggle).toBe('数据');
    expect(statsEn.toggle).toBe('Stats');
  });
});
