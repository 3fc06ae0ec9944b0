import { describe, expect, it } from 'vitest';
import { decideCaps, type FrequencyCap } from '../../engine/index';

const hour = 3_600_000;
const day = 24 * hour;
const caps: FrequencyCap[] = [
  { channel: 'sms', max: 1, within: 'P1D' },
  { channel: 'sms', max: 3, within: 'P7D' },
];
const t0 = Date.parse('2026-11-11T02:00:00Z');

describe('frequency caps across journeys', () => {
  it('lets the first marketing SMS of the day through', () => {
    expect(decideCaps({ at: t0, priority: 5 }, [], caps)).toEqual({ kind: 'send', displace: [] });
  });

  it('caps a second SMS within 24 hours when the first was already sent, whatever the priority', () => {
    const sent = [{ id: 'm1', at: t0 - 2 * hour, priority: 1, pending: false }];
    expect(decideCaps({ at: t0, priority: 9 }, sent, caps)).toMatchObject({ kind: 'capped', cap: { max: 1, within: 'P1D' } });
  });

  it('a higher-priority message takes the place of a pending lower-priority one', () => {
    const pending = [{ id: 'm1', at: t0 + hour, priority: 3, pending: true }];
    expect(decideCaps({ at: t0, priority: 7 }, pending, caps)).toEqual({ kind: 'send', displace: ['m1'] });
  });

  it('equal priority: the first keeps its place', () => {
    const pending = [{ id: 'm1', at: t0 + hour, priority: 5, pending: true }];
    expect(decideCaps({ at: t0, priority: 5 }, pending, caps).kind).toBe('capped');
  });

  it('the weekly cap bites on the fourth SMS in 7 days even when each day has room', () => {
    const week = [1, 2, 3].map((d) => ({ id: `m${d}`, at: t0 - d * day, priority: 5, pending: false }));
    expect(decideCaps({ at: t0, priority: 5 }, week, caps)).toMatchObject({ kind: 'capped', cap: { max: 3, within: 'P7D' } });
    expect(decideCaps({ at: t0, priority: 5 }, week.slice(0, 2), caps)).toEqual({ kind: 'send', displace: [] });
  });

  it('messages older than the window do not count', () => {
    expect(decideCaps({ at: t0, priority: 5 }, [{ id: 'old', at: t0 - 8 * day, priority: 5, pending: false }], caps).kind).toBe('send');
  });
});
