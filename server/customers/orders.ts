import { sql, type RawBuilder } from 'kysely';
import {
  isOrderEventType,
  orderEventStatuses,
  type CustomerEvent,
  type OrderEventData,
  type OrderEventType,
  type OrderRecord,
  type OrderStatus,
} from '../../engine/index';
import type { Db } from '../db/database';
import { json } from '../db/database';
import { bulkUpsert, LIST_SEPARATOR, type BulkColumn } from './bulk-upsert';

/** An order as a CSV import gives it; amounts as decimal text, times as ISO strings. */
export interface ImportedOrder {
  id: string;
  customerId: string;
  status: OrderStatus;
  createdAt: string;
  paidAt: string | null;
  amount: string;
  discount: string;
  productIds: string[];
  attributes: Record<string, string>;
  /** When the row was true: the import's start, ISO. */
  setAt: string;
}

/** The optional order columns an import may carry; a column the file lacks is left as stored. */
export type OptionalOrderColumn = 'paidAt' | 'discount' | 'productIds';

/**
 * What applying an order event did to the orders table: `unchanged` when the order held nothing
 * the event could change (a later report already set what it says), so nothing was written.
 */
export type OrderEventOutcome = 'created' | 'updated' | 'unchanged' | 'skipped';

const timestampOf: Record<OrderStatus, 'created_at' | 'paid_at' | 'shipped_at' | 'delivered_at' | 'closed_at' | 'refunded_at'> = {
  created: 'created_at',
  paid: 'paid_at',
  shipped: 'shipped_at',
  delivered: 'delivered_at',
  closed: 'closed_at',
  refunded: 'refunded_at',
};

const statusOrder = sql`array['created', 'paid', 'shipped', 'delivered', 'closed', 'refunded']`;
const isFinal = (status: OrderStatus) => status === 'closed' || status === 'refunded';

/**
 * The status after `next` (reported as of `at`) arrives. Statuses only move forward (created <
 * paid < shipped < delivered); closed and refunded end the order. Taken in time order, the first
 * of closed and refunded would stand, so one reported as earlier than the other replaces it —
 * the result does not depend on the order the events arrive in.
 */
function statusAfter(next: OrderStatus, at: Date) {
  const finalTie = isFinal(next)
    ? sql`case when ${at}::timestamptz < (case orders.status when 'closed' then orders.closed_at else orders.refunded_at end) then ${next}::text else orders.status end`
    : sql`orders.status`;
  return sql<string>`case
    when orders.status in ('closed', 'refunded') then ${finalTie}
    when array_position(${statusOrder}, ${next}::text) > array_position(${statusOrder}, orders.status) then ${next}::text
    else orders.status end`;
}

/** The order values an event may set, each kept with the time of the event that set it. */
const eventValues = [
  { key: 'amount', column: 'amount', type: 'numeric' },
  { key: 'discount', column: 'discount', type: 'numeric' },
  { key: 'productIds', column: 'product_ids', type: 'text[]' },
] as const;

/** Orders: bulk-imported history, kept current by order events. */
export class Orders {
  constructor(private readonly db: Db) {}

  /**
   * One batch of imported orders (ids unique within it). The file is the truth for the columns it
   * has, except that amount, discount and products an event reported as of a moment after the
   * row's `setAt` keep the event's values; the row's time is kept for those it sets. A row equal
   * to what is stored writes nothing, not even times.
   */
  async upsertImported(rows: ImportedOrder[], optional: ReadonlySet<OptionalOrderColumn>): Promise<{ inserted: number; updated: number }> {
    // A row at least as recent as everything stored applies whole, without reading the times.
    const recent = sql`coalesce(orders.latest_set_at <= excluded.latest_set_at, true)`;
    const timed = (column: string, key: string) =>
      sql`case when ${recent} then excluded.${sql.raw(column)} when set_later(orders.field_set_at, excluded.field_set_at, ${key}::text) then orders.${sql.raw(column)} else excluded.${sql.raw(column)} end`;
    const columns: [BulkColumn, (o: ImportedOrder) => unknown][] = [
      [{ name: 'id', type: 'text' }, (o) => o.id],
      [{ name: 'customer_id', type: 'text' }, (o) => o.customerId],
      [{ name: 'status', type: 'text' }, (o) => o.status],
      [{ name: 'created_at', type: 'timestamptz' }, (o) => o.createdAt],
      [{ name: 'amount', type: 'numeric', next: timed('amount', 'amount') }, (o) => o.amount],
      [{ name: 'attributes', type: 'jsonb-merge' }, (o) => json(o.attributes)],
    ];
    if (optional.has('paidAt')) columns.push([{ name: 'paid_at', type: 'timestamptz' }, (o) => o.paidAt]);
    if (optional.has('discount')) columns.push([{ name: 'discount', type: 'numeric', next: timed('discount', 'discount') }, (o) => o.discount]);
    if (optional.has('productIds'))
      columns.push([{ name: 'product_ids', type: 'list', next: timed('product_ids', 'productIds') }, (o) => o.productIds.join(LIST_SEPARATOR)]);
    const keys = ['amount', ...(optional.has('discount') ? ['discount'] : []), ...(optional.has('productIds') ? ['productIds'] : [])];
    columns.push(
      [
        {
          name: 'field_set_at',
          type: 'jsonb',
          next: sql`case when ${recent} then orders.field_set_at || excluded.field_set_at else later_times(orders.field_set_at, excluded.field_set_at) end`,
          compared: false,
        },
        (o) => json(Object.fromEntries(keys.map((k) => [k, o.setAt]))),
      ],
      [{ name: 'latest_set_at', type: 'timestamptz', next: sql`greatest(orders.latest_set_at, excluded.latest_set_at)`, compared: false }, (o) => o.setAt],
    );
    return bulkUpsert(
      this.db,
      'orders',
      columns.map(([c]) => c),
      rows.map((o) => columns.map(([, get]) => get(o))),
    );
  }

  /**
   * Applies an order event (validated by its data schema) as of its `occurredAt`: moves the status
   * forward, records the step's time (the earliest reported), and sets amount, discount and
   * products when given — each only when no later event set it. An event about an unknown order
   * creates it when it carries an amount; without one it stays in the event log only ('skipped').
   * An event that changes nothing writes nothing.
   */
  async applyEvent(event: CustomerEvent & { type: OrderEventType }): Promise<OrderEventOutcome> {
    const data = event.data as OrderEventData;
    const status = orderEventStatuses[event.type];
    const at = new Date(event.occurredAt);
    const column = timestampOf[status];
    const given = eventValues.filter((v) => data[v.key] !== undefined);
    const times = json(Object.fromEntries(given.map((v) => [v.key, at.toISOString()])));
    const next: Record<string, RawBuilder<unknown>> = {
      status: statusAfter(status, at),
      // Taken in time order, the first report of each step stands: the earliest time reported.
      [column]: sql`least(orders.${sql.raw(column)}, ${at}::timestamptz)`,
      field_set_at: sql`later_times(orders.field_set_at, ${times}::jsonb)`,
    };
    // Kept at or after every time in field_set_at, so an import can skip reading the map.
    if (given.length > 0) next.latest_set_at = sql`greatest(orders.latest_set_at, ${at}::timestamptz)`;
    for (const v of given) {
      next[v.column] =
        sql`case when set_later(orders.field_set_at, ${times}::jsonb, ${v.key}::text) then orders.${sql.raw(v.column)} else ${data[v.key]}::${sql.raw(v.type)} end`;
    }
    const names = Object.keys(next);
    const update = async (): Promise<'updated' | 'unchanged' | undefined> => {
      const changed = await this.db
        .updateTable('orders')
        .set({ ...next, updated_at: new Date() })
        .where('id', '=', data.orderId)
        .where(sql<boolean>`(${sql.join(names.map((n) => sql`orders.${sql.raw(n)}`))}) is distinct from (${sql.join(names.map((n) => next[n]!))})`)
        .returning('id')
        .executeTakeFirst();
      if (changed) return 'updated';
      const known = await this.db.selectFrom('orders').select('id').where('id', '=', data.orderId).executeTakeFirst();
      return known ? 'unchanged' : undefined;
    };
    const applied = await update();
    if (applied) return applied;
    if (data.amount === undefined) return 'skipped';
    const inserted = await this.db
      .insertInto('orders')
      .values({
        id: data.orderId,
        customer_id: event.customerId,
        status,
        amount: data.amount,
        discount: data.discount ?? 0,
        created_at: at,
        ...(column === 'created_at' ? {} : { [column]: at }),
        product_ids: data.productIds ?? [],
        attributes: json({}),
        field_set_at: times,
        latest_set_at: given.length > 0 ? at : null,
        updated_at: new Date(),
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) {
      await this.applyEarlierReports(data.orderId, new Set([event.id]));
      return 'created';
    }
    // Another request created it a moment ago: apply this event to that row.
    return (await update()) ?? 'unchanged';
  }

  /**
   * Events about the order that arrived before it existed were skipped (no amount to count); now
   * that it does, they are applied from the event log, so a shipment reported before the order
   * leaves the same row as one reported after it. `except`: the creating event, and events a
   * caller applies itself.
   */
  async applyEarlierReports(orderId: string, except: ReadonlySet<string>): Promise<void> {
    const earlier = await this.db
      .selectFrom('events')
      .select(['id', 'type', 'customer_id', 'occurred_at', 'data'])
      .where('type', 'like', 'order.%')
      .where(sql<string>`data ->> 'orderId'`, '=', orderId)
      .orderBy('received_at')
      .orderBy('id')
      .execute();
    for (const e of earlier) {
      if (!isOrderEventType(e.type) || except.has(e.id)) continue;
      await this.applyEvent({ id: e.id, type: e.type, customerId: e.customer_id, occurredAt: e.occurred_at.toISOString(), data: e.data });
    }
  }

  /** The customer's orders as the fact definitions take them, oldest first. */
  async forCustomer(customerId: string): Promise<OrderRecord[]> {
    const rows = await this.db
      .selectFrom('orders')
      .select(['id', 'status', 'amount', 'discount', 'created_at', 'product_ids'])
      .where('customer_id', '=', customerId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      status: r.status as OrderStatus,
      amount: Number(r.amount),
      discount: Number(r.discount),
      createdAt: r.created_at.toISOString(),
      productIds: r.product_ids,
    }));
  }

  /** One order row as stored (for the API and tests); undefined when unknown. */
  async get(id: string) {
    return this.db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
  }
}
