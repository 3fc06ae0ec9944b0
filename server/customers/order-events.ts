import { sql } from 'kysely';
import { isOrderEventType, orderEventStatuses, type CustomerEvent, type OrderEventData, type OrderEventType } from '../../engine/index';
import type { Db } from '../db/database';
import { json } from '../db/database';
import { Orders, type OrderEventOutcome } from './orders';

type OrderEvent = CustomerEvent & { type: OrderEventType };

const steps = ['created', 'paid', 'shipped', 'delivered', 'closed', 'refunded'] as const;
const statusOrder = sql`array['created', 'paid', 'shipped', 'delivered', 'closed', 'refunded']`;

/** The values an event may set, each with its key in field_set_at. */
const values = [
  { key: 'amount', column: 'amount' },
  { key: 'discount', column: 'discount' },
  { key: 'productIds', column: 'product_ids' },
] as const;

/**
 * Each column's next value in the batch update, from the event's row `v`: the same rules as
 * `Orders.applyEvent` (status forward, the earlier of closed and refunded, the earliest time of a
 * step, each value only where no later event set it), with what the event does not give left alone.
 */
function nextValues() {
  const finalTime = sql`(case orders.status when 'closed' then orders.closed_at else orders.refunded_at end)`;
  const next: [string, ReturnType<typeof sql>][] = [
    [
      'status',
      sql`case
        when orders.status in ('closed', 'refunded') then
          (case when v.status in ('closed', 'refunded') and v.at < ${finalTime} then v.status else orders.status end)
        when array_position(${statusOrder}, v.status) > array_position(${statusOrder}, orders.status) then v.status
        else orders.status end`,
    ],
    ...steps.map((step): [string, ReturnType<typeof sql>] => {
      const column = sql.raw(`${step}_at`);
      return [`${step}_at`, sql`case when v.status = ${step}::text then least(orders.${column}, v.at) else orders.${column} end`];
    }),
    ['field_set_at', sql`later_times(orders.field_set_at, v.times)`],
    // Kept at or after every time in field_set_at, so an import can skip reading the map.
    ['latest_set_at', sql`case when v.times = '{}'::jsonb then orders.latest_set_at else greatest(orders.latest_set_at, v.at) end`],
    ...values.map(({ key, column }): [string, ReturnType<typeof sql>] => {
      const c = sql.raw(column);
      return [
        column,
        sql`case when (v.times -> ${key}::text) is null or set_later(orders.field_set_at, v.times, ${key}::text) then orders.${c} else v.${c} end`,
      ];
    }),
  ];
  return next;
}

/** The row of one event for the batch statements, its values typed in the first row and every other. */
function eventRow(event: OrderEvent) {
  const data = event.data as OrderEventData;
  const at = new Date(event.occurredAt);
  const given = values.filter((v) => data[v.key] !== undefined);
  const times = json(Object.fromEntries(given.map((v) => [v.key, at.toISOString()])));
  return sql`(${data.orderId}::text, ${orderEventStatuses[event.type]}::text, ${at}::timestamptz, ${times}::jsonb,
    ${data.amount ?? null}::numeric, ${data.discount ?? null}::numeric, ${data.productIds ?? null}::text[])`;
}

const byOrderId = (a: OrderEvent, b: OrderEvent) => {
  const x = (a.data as OrderEventData).orderId;
  const y = (b.data as OrderEventData).orderId;
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * Applies a batch of order events, in the order given, in a few statements: the k-th event of each
 * order goes in the k-th round, so an order's events apply in order and no statement touches an
 * order twice. A round is one update of the known orders, one read of which the update left alone
 * (known, unchanged) and one insert of the unknown ones that carry an amount; the rest are skipped,
 * as `Orders.applyEvent` would. Answers each event's outcome by its id.
 */
export async function applyOrderEvents(db: Db, events: readonly CustomerEvent[]): Promise<Map<string, OrderEventOutcome>> {
  const outcomes = new Map<string, OrderEventOutcome>();
  const rounds: OrderEvent[][] = [];
  const count = new Map<string, number>();
  for (const event of events) {
    if (!isOrderEventType(event.type)) continue;
    const orderId = (event.data as OrderEventData).orderId;
    const round = count.get(orderId) ?? 0;
    count.set(orderId, round + 1);
    (rounds[round] ??= []).push(event as OrderEvent);
  }
  const orders = new Orders(db);
  for (const [k, unsorted] of rounds.entries()) {
    // Sorted by order id, so concurrent batches lock orders in the same order.
    const round = [...unsorted].sort(byOrderId);
    const next = nextValues();
    const names = next.map(([name]) => sql.raw(`orders.${name}`));
    const updated = await sql<{ id: string }>`update orders set ${sql.join(next.map(([name, value]) => sql`${sql.raw(name)} = ${value}`))}, updated_at = now()
      from (values ${sql.join(round.map(eventRow))}) as v (order_id, status, at, times, amount, discount, product_ids)
      where orders.id = v.order_id and (${sql.join(names)}) is distinct from (${sql.join(next.map(([, value]) => value))})
      returning orders.id`.execute(db);
    const done = new Set(updated.rows.map((r) => r.id));
    const rest = round.filter((e) => !done.has((e.data as OrderEventData).orderId));
    for (const e of round) if (done.has((e.data as OrderEventData).orderId)) outcomes.set(e.id, 'updated');
    if (rest.length === 0) continue;
    const restIds = rest.map((e) => (e.data as OrderEventData).orderId);
    const known = new Set((await db.selectFrom('orders').select('id').where('id', 'in', restIds).execute()).map((r) => r.id));
    const creating: OrderEvent[] = [];
    for (const e of rest) {
      const data = e.data as OrderEventData;
      if (known.has(data.orderId)) outcomes.set(e.id, 'unchanged');
      else if (data.amount === undefined) outcomes.set(e.id, 'skipped');
      else creating.push(e);
    }
    if (creating.length === 0) continue;
    const inserted = await db
      .insertInto('orders')
      .values(
        creating.map((event) => {
          const data = event.data as OrderEventData;
          const status = orderEventStatuses[event.type];
          const at = new Date(event.occurredAt);
          const given = values.filter((v) => data[v.key] !== undefined);
          return {
            id: data.orderId,
            customer_id: event.customerId,
            status,
            amount: data.amount!,
            discount: data.discount ?? 0,
            created_at: at,
            paid_at: status === 'paid' ? at : null,
            shipped_at: status === 'shipped' ? at : null,
            delivered_at: status === 'delivered' ? at : null,
            closed_at: status === 'closed' ? at : null,
            refunded_at: status === 'refunded' ? at : null,
            product_ids: data.productIds ?? [],
            attributes: json({}),
            field_set_at: json(Object.fromEntries(given.map((v) => [v.key, at.toISOString()]))),
            latest_set_at: given.length > 0 ? at : null,
            updated_at: new Date(),
          };
        }),
      )
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .execute();
    const created = new Set(inserted.map((r) => r.id));
    for (const e of creating) {
      if (created.has((e.data as OrderEventData).orderId)) outcomes.set(e.id, 'created');
      // Another transaction created it a moment ago: apply this event to that row.
      else outcomes.set(e.id, await orders.applyEvent(e));
    }
    // Reports about the new orders that arrived before them (skipped then), read for all of them at
    // once and applied in arrival order; the creating events and this batch's later rounds (applied
    // by their own rounds) left out. Usually there are none.
    if (created.size === 0) continue;
    const except = new Set([...creating.map((e) => e.id), ...rounds.slice(k + 1).flatMap((r) => r.map((e) => e.id))]);
    const earlier = await db
      .selectFrom('events')
      .select(['id', 'type', 'customer_id', 'occurred_at', 'data'])
      .where('type', 'like', 'order.%')
      .where(sql<string>`data ->> 'orderId'`, 'in', [...created])
      .orderBy('received_at')
      .orderBy('id')
      .execute();
    for (const e of earlier) {
      if (!isOrderEventType(e.type) || except.has(e.id)) continue;
      await orders.applyEvent({ id: e.id, type: e.type, customerId: e.customer_id, occurredAt: e.occurred_at.toISOString(), data: e.data });
    }
  }
  return outcomes;
}
