import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it, inject } from 'vitest';
import type { CustomerEvent } from '../../engine/index';
import { openDatabase, type Db } from '../../server/db/database';
import { freshPostgresUrl } from '../support/databases';
import { eventually, lineJourney, orderCreatedTrigger, uniqueId } from '../support/journeys';
import { startHuitouProcess, type HuitouProcess } from '../support/process';

/**
 * `202` means stored, whatever happens next. Huitou runs as its own process; several clients post
 * events continuously, in batches and one at a time, and the process is killed with SIGKILL at a
 * random moment. After a restart, every event answered 202 is in the event log with its effects
 * (the order, the profile fields), and every stored order enrolled its customer in a journey
 * exactly once, with exactly one message: routing after a crash neither loses nor repeats.
 */
const ORDERS_AT_MOST = 60;

describe.each(['postgresql', 'embedded'] as const)('a kill -9 while events are posted, on %s', (kind) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'huitou-ingest-kill-'));
  const token = `t-${uniqueId('kill')}`;
  const running: HuitouProcess[] = [];
  let db: Db | undefined;
  afterAll(async () => {
    for (const p of running) await p.stop();
    await db?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const call = async (p: HuitouProcess, path: string, body: unknown) => {
    const res = await fetch(p.baseUrl + path, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  it('keeps every event answered 202, applies it, and routes it once', async () => {
    const databaseUrl = kind === 'postgresql' ? await freshPostgresUrl() : undefined;
    const env = {
      HUITOU_DATA_DIR: dataDir,
      HUITOU_API_TOKEN: token,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      HUITOU_TASK_QUEUE: uniqueId('ingest-kill'),
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    };
    const first = await startHuitouProcess(env);
    running.push(first);
    const journey = lineJourney(uniqueId('kill'), orderCreatedTrigger, [
      { id: 'sms', type: 'message.send', config: { channel: 'sms', template: '订单 {{order.id}} 已收到' } },
    ]);
    expect((await call(first, '/api/journeys', journey)).status).toBe(201);
    expect((await call(first, `/api/journeys/${journey.id}/publish`, {})).status).toBe(200);

    // Clients post until the process dies: a few orders (each a journey), profile updates and visits.
    const acknowledged: CustomerEvent[] = [];
    let orders = 0;
    let n = 0;
    const startedAt = Date.now() - 60_000;
    const next = (): CustomerEvent => {
      n += 1;
      const customerId = `kc-${kind}-${n % 97}`;
      // A millisecond apart, so no two updates of a profile tie (a tie goes to the later arrival).
      const occurredAt = new Date(startedAt + n).toISOString();
      if (n % 7 === 0 && orders < ORDERS_AT_MOST) {
        orders += 1;
        const buyer = `kb-${kind}-${orders}`;
        return {
          id: `ke-${n}`,
          type: 'order.created',
          customerId: buyer,
          occurredAt,
          data: { orderId: `ko-${kind}-${orders}`, amount: orders, customer: { name: `买家${orders}`, phone: `1390000${String(orders).padStart(4, '0')}` } },
        };
      }
      if (n % 2 === 0) return { id: `ke-${n}`, type: 'customer.updated', customerId, occurredAt, data: { region: `r-${n}` } };
      return { id: `ke-${n}`, type: 'shop.visited', customerId, occurredAt, data: { page: `p-${n}` } };
    };
    let alive = true;
    const client = async (size: number) => {
      while (alive) {
        const events = Array.from({ length: size }, next);
        try {
          const res = await call(first, '/api/events', size === 1 ? events[0] : events);
          expect(res.status).toBe(202);
          expect(res.body.rejected).toEqual([]);
          acknowledged.push(...events);
        } catch (e) {
          if (alive) throw e;
          return; // the process died with the request in flight: neither stored nor refused, as far as we know
        }
      }
    };
    const clients = [20, 20, 5, 1, 1, 1, 1].map(client);
    await new Promise((r) => setTimeout(r, 1000 + Math.random() * 3000));
    alive = false;
    await first.kill();
    await Promise.all(clients);
    expect(acknowledged.length).toBeGreaterThan(0);

    const second = await startHuitouProcess(env);
    running.push(second);
    // Until the messages stop coming: at least one per acknowledged order, the same count for 6 s.
    const ackedOrders = acknowledged.filter((e) => e.type === 'order.created').length;
    let last = -1;
    let steady = 0;
    await eventually(
      async () => {
        const res = await fetch(`${second.baseUrl}/api/messages?journeyId=${journey.id}&limit=1000`, { headers: { authorization: `Bearer ${token}` } });
        const count = ((await res.json()) as { messages: unknown[] }).messages.length;
        steady = count === last && count >= ackedOrders ? steady + 1 : 0;
        last = count;
        return steady >= 3 ? true : undefined;
      },
      240_000,
      2_000,
    );
    // The embedded database is the process's own: read it after a clean stop, which ends the router's pass.
    if (!databaseUrl) await second.stop();
    db = await openDatabase(databaseUrl ? { url: databaseUrl } : { dataDir: join(dataDir, 'db') });
    const store = db;

    // Every acknowledged event is in the log, and routed.
    const ids = acknowledged.map((e) => e.id);
    const logged = new Set((await store.selectFrom('events').select('id').where('id', 'in', ids).execute()).map((r) => r.id));
    expect(ids.filter((id) => !logged.has(id))).toEqual([]);
    await eventually(async () => {
      const row = await store
        .selectFrom('events')
        .select((e) => e.fn.countAll<string>().as('n'))
        .where('id', 'in', ids)
        .where('routed_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.n) === 0 ? true : undefined;
    }, 60_000);

    // Its effects: each acknowledged order with its amount and buyer, each profile's last region.
    for (const e of acknowledged.filter((x) => x.type === 'order.created')) {
      const order = await store
        .selectFrom('orders')
        .select(['amount', 'customer_id'])
        .where('id', '=', e.data.orderId as string)
        .executeTakeFirst();
      expect(order, `order of ${e.id}`).toMatchObject({ customer_id: e.customerId });
      expect(Number(order!.amount)).toBe(e.data.amount);
      const buyer = await store.selectFrom('customers').select('name').where('id', '=', e.customerId).executeTakeFirst();
      expect(buyer?.name).toBe((e.data.customer as { name: string }).name);
    }
    // Each profile holds the region of its customer's latest stored update (answered or in flight at the kill).
    for (const customerId of new Set(acknowledged.filter((e) => e.type === 'customer.updated').map((e) => e.customerId))) {
      const row = await store.selectFrom('customers').select('region').where('id', '=', customerId).executeTakeFirst();
      const latest = await store
        .selectFrom('events')
        .select(sql<string>`data ->> 'region'`.as('region'))
        .where('customer_id', '=', customerId)
        .where('type', '=', 'customer.updated')
        .orderBy('occurred_at', 'desc')
        .orderBy('received_at', 'desc')
        .executeTakeFirstOrThrow();
      expect(row?.region, customerId).toBe(latest.region);
    }

    // Every stored order enrolled once and got one message, whether or not its answer arrived.
    const storedOrders = await store
      .selectFrom('events')
      .select(['customer_id', sql<string>`data ->> 'orderId'`.as('order_id')])
      .where('type', '=', 'order.created')
      .execute();
    const enrolments = await store.selectFrom('enrolments').select(['workflow_id', 'customer_id']).where('journey_id', '=', journey.id).execute();
    expect(enrolments.map((e) => e.workflow_id).sort()).toEqual(storedOrders.map((o) => `journey:${journey.id}:${o.customer_id}:${o.order_id}`).sort());
    const messages = await store
      .selectFrom('messages')
      .select(['customer_id', (m) => m.fn.countAll<string>().as('n')])
      .where('journey_id', '=', journey.id)
      .groupBy('customer_id')
      .execute();
    expect(messages.filter((m) => Number(m.n) !== 1)).toEqual([]);
    expect(messages).toHaveLength(storedOrders.length);
  }, 420_000);
});
