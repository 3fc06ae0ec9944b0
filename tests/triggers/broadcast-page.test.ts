import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistry, type Journey } from '../../engine/index';
import { json } from '../../server/db/database';
import { Events } from '../../server/events/event-log';
import { Journeys } from '../../server/journeys/journey-store';
import { broadcastPage, type BroadcastPageInput } from '../../server/journeys/triggers/broadcast-page';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases';
import { daysAgo, insertFactRows } from '../support/fact-rows';

const registry = createRegistry();
const CUSTOMERS = 1203;

function broadcastJourney(id: string, audience: unknown): Journey {
  return {
    schemaVersion: 1,
    id,
    name: id,
    status: 'draft',
    version: 0,
    nodes: [
      { id: 'wave', type: 'trigger.broadcast', config: { at: '2026-11-11T00:00', audience } },
      { id: 'done', type: 'exit', config: {} },
    ],
    edges: [{ from: 'wave', port: 'next', to: 'done' }],
    settings: { timezone: 'Asia/Shanghai', reEntry: 'never', priority: 5, exitWhen: [] },
    layout: { positions: {} },
  };
}

describe.each(databaseKinds)('broadcast pages on %s', (kind) => {
  let t: TestDatabase;
  let journeys: Journeys;
  let deps: Parameters<typeof broadcastPage>[0];
  const audience = {
    all: [
      { fact: 'lifecycleStage', operator: 'equal', value: 'active' },
      { fact: 'customer', path: '$.region', operator: 'equal', value: '华东' },
    ],
  };

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    const { db } = t;
    journeys = new Journeys(db);
    deps = { db, journeys, registry, events: new Events(db) };
    const ids = Array.from({ length: CUSTOMERS }, (_, i) => `c${String(i).padStart(5, '0')}`);
    await db
      .insertInto('customers')
      .values(
        ids.map((id, i) => ({
          id,
          name: null,
          phone: null,
          email: null,
          birthday: null,
          timezone: null,
          region: i % 2 === 0 ? '华东' : '华北',
          tier: null,
          attributes: json({}),
          updated_at: new Date(),
        })),
      )
      .execute();
    // Every third customer is active; customers without a facts row count as not matching.
    const withFacts = ids.filter((_, i) => i % 5 !== 4);
    // Active: last bought yesterday; lost: 200 days ago (the snapshot derives the stage).
    await insertFactRows(
      db,
      withFacts.map((id) => ({ customerId: id, lastOrderAt: daysAgo(Number(id.slice(1)) % 3 === 0 ? 1 : 200) })),
    );
    for (const j of [broadcastJourney('wave', audience), broadcastJourney('paused-wave', { all: [] })]) {
      await journeys.create(j);
      await journeys.publish(j.id);
    }
    await journeys.setStatus('paused-wave', 'paused');
  });
  afterAll(() => t?.close());

  const expected = () =>
    Array.from({ length: CUSTOMERS }, (_, i) => i)
      .filter((i) => i % 2 === 0 && i % 3 === 0 && i % 5 !== 4)
      .map((i) => `c${String(i).padStart(5, '0')}`);

  it('pages through every customer by id and stores one event per audience match, whatever the page size', async () => {
    const input = (after: string | null, limit: number): BroadcastPageInput => ({ journeyId: 'wave', version: 1, nodeId: 'wave', after, limit });
    let after: string | null = null;
    let pages = 0;
    let examined = 0;
    const matched: number[] = [];
    do {
      const page = await broadcastPage(deps, input(after, 37));
      pages++;
      examined += page.examined;
      matched.push(page.matched);
      expect(page.halted).toBeUndefined();
      after = page.next;
    } while (after !== null);
    const events = await t.db.selectFrom('events').select(['id', 'customer_id', 'data']).where('type', '=', 'broadcast.due').orderBy('customer_id').execute();
    expect(events.map((e) => e.customer_id)).toEqual(expected());
    expect(events[0]).toMatchObject({ id: 'bc:wave:1:c00000', data: { journeyId: 'wave', version: 1, nodeId: 'wave' } });
    // Pages hold at most the limit; the last may hold fewer.
    expect(Math.max(...matched)).toBe(37);
    expect(matched.reduce((a, b) => a + b, 0)).toBe(expected().length);
    expect(examined).toBe(CUSTOMERS);
    // A page ends when it holds the limit, so the pass takes the matches ÷ 37 pages, or one more to find the end.
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(expected().length / 37));
    expect(pages).toBeLessThanOrEqual(Math.ceil(expected().length / 37) + 1);

    // Again in one big page: everything is found and nothing is stored twice.
    const again = await broadcastPage(deps, input(null, 500));
    expect(again.matched).toBe(expected().length);
    expect(again.stored).toBe(0);
    expect(again.next).toBeNull();
  });

  it('a paused or republished journey halts the broadcast before storing anything', async () => {
    const paused = await broadcastPage(deps, { journeyId: 'paused-wave', version: 1, nodeId: 'wave', after: null, limit: 500 });
    expect(paused).toMatchObject({ halted: 'paused', stored: 0, next: null });
    await journeys.publish('wave');
    const stale = await broadcastPage(deps, { journeyId: 'wave', version: 1, nodeId: 'wave', after: null, limit: 500 });
    expect(stale).toMatchObject({ halted: 'republished', stored: 0 });
    const count = await t.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('type', '=', 'broadcast.due')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(expected().length);
  });
});
