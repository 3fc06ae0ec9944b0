import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { broadcastDueEventType, type CustomerEvent } from '../../engine/index';
import { Events } from '../../server/events/event-log';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases';

const event = (id: string, type: string, customerId: string): CustomerEvent => ({
  id,
  type,
  customerId,
  occurredAt: '2026-11-11T00:00:00.000Z',
  data: type === broadcastDueEventType ? { journeyId: 'd11', version: 1, nodeId: 'trigger' } : { orderId: `o-${id}` },
});

describe.each(databaseKinds)('events to route on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => void (t = await openTestDatabase(kind)));
  afterAll(() => t?.close());

  it('come customers’ own events first, then bulk entries, each in arrival order', async () => {
    const events = new Events(t.db);
    // A broadcast stored its entries first; then orders arrived.
    await events.appendMany(Array.from({ length: 5 }, (_, i) => event(`bc-${i}`, broadcastDueEventType, `m${i}`)));
    await events.append(event('order-1', 'order.created', 'c1'));
    await events.append(event('tier-1', 'customer.tier_changed', 'c1'));
    await events.append(event('order-2', 'order.created', 'c2'));
    expect((await events.unrouted(2)).map((e) => e.id)).toEqual(['order-1', 'order-2']);
    expect((await events.unrouted(4)).map((e) => e.id)).toEqual(['order-1', 'order-2', 'bc-0', 'bc-1']);
    expect((await events.unrouted(10)).map((e) => e.id)).toEqual(['order-1', 'order-2', 'bc-0', 'bc-1', 'bc-2', 'bc-3', 'bc-4', 'tier-1']);
  });
});
