import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerEvent } from '../../engine/index';
import { Events } from '../../server/events/event-log';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases';

const change = (i: number): CustomerEvent => ({
  id: `facts:C${String(i).padStart(5, '0')}:stage_changed:none->active:2026-11-20`,
  type: 'customer.stage_changed',
  customerId: `C${String(i).padStart(5, '0')}`,
  occurredAt: '2026-11-20T14:00:00.000Z',
  data: { from: null, to: 'active' },
});

describe.each(databaseKinds)('appending many events on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => void (t = await openTestDatabase(kind)));
  afterAll(() => t?.close());

  it('stores more than one statement holds, skips known ids, and routes them in the order given', async () => {
    const events = new Events(t.db);
    await events.append(change(7));
    // Ids in descending order, so routing by id alone would reverse them.
    const all = Array.from({ length: 2_500 }, (_, i) => change(2_499 - i));
    expect(await events.appendMany(all)).toBe(2_499);
    expect(await events.appendMany(all.slice(0, 10))).toBe(0);
    const unrouted = await events.unrouted(5_000);
    expect(unrouted).toHaveLength(2_500);
    // The one appended first, then the rest as given (its own id skipped).
    expect(unrouted.map((e) => e.id)).toEqual([change(7).id, ...all.filter((e) => e.id !== change(7).id).map((e) => e.id)]);
    expect(unrouted[1]).toEqual(all[0]);
  });
});
