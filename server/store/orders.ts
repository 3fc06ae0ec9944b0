import { sql } from 'kysely';
import { orderEventStatuses, type CustomerEvent, type OrderEventData, type OrderEventType, type OrderRecord, type OrderStatus } from '../../engine/index';
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
}

/** The optional order columns an import may carry; a column the file lacks is left as stored. */
export type OptionalOrderColumn = 'paidAt' | 'discount' | 'productIds';

/** What applying an order event did to the orders table. */
export type OrderEventOutcome = 'created' | 'updated' | 'skipped';

const timestampOf: Record<OrderStatus, 'created_at' | 'paid_at' | 'shipped_at' | 'delivered_at' | 'closed_at' | 'refunded_at'> = {
  created: 'created_at',
  paid: 'paid_at',
  shipped: 'shipped_at',
  delivered: 'delivered_at',
  closed: 'closed_at',
  refunded: 'refunded_at',
};

/**
 * The status after `next` arrives: statuses only move forward (created < paid < shipped <
 * delivered), closed and refunded end the order and nothing moves it afterwards.
 */
const forwardStatus = (next: OrderStatus) => sql<string>`case
  when orders.status in ('closed', 'refunded') then orders.status
  when array_position(array['created', 'paid', 'shipped', 'delivered', 'closed', 'refunded'], ${next}::text)
     > array_position(array['created', 'paid', 'shipped', 'delivered', 'closed', 'refunded'], orders.status) then ${next}::text
  else orders.status end`;

/** Orders: bulk-imported history, kept current by order events. */
export class Orders {
  constructor(private readonly db: Db) {}

  /** One batch of imported orders (ids unique within it). The file is the truth for the columns it has. */
  async upsertImported(rows: ImportedOrder[], optional: ReadonlySet<OptionalOrderColumn>): Promise<{ inserted: number; updated: number }> {
    const columns: [BulkColumn, (o: ImportedOrder) => unknown][] = [
      [{ name: 'id', type: 'text' }, (o) => o.id],
      [{ name: 'customer_id', type: 'text' }, (o) => o.customerId],
      [{ name: 'status', type: 'text' }, (o) => o.status],
      [{ name: 'created_at', type: 'timestamptz' }, (o) => o.createdAt],
      [{ name: 'amount', type: 'numeric' }, (o) => o.amount],
      [{ name: 'attributes', type: 'jsonb-merge' }, (o) => json(o.attributes)],
    ];
    if (optional.has('paidAt')) columns.push([{ name: 'paid_at', type: 'timestamptz' }, (o) => o.paidAt]);
    if (optional.has('discount')) columns.push([{ name: 'discount', type: 'numeric' }, (o) => o.discount]);
    if (optional.has('productIds')) columns.push([{ name: 'product_ids', type: 'list' }, (o) => o.productIds.join(LIST_SEPARATOR)]);
    return bulkUpsert(
      this.db,
      'orders',
      columns.map(([c]) => c),
      rows.map((o) => columns.map(([, get]) => get(o))),
    );
  }

  /**
   * Applies an order event (validated by its data schema): moves the status forward and records
   * when, updates amount, discount and products when given. An event about an unknown order
   * creates it when it carries an amount; without one it stays in the event log only ('skipped').
   */
  async applyEvent(event: CustomerEvent & { type: OrderEventType }): Promise<OrderEventOutcome> {
    const data = event.data as OrderEventData;
    const status = orderEventStatuses[event.type];
    const at = new Date(event.occurredAt);
    const column = timestampOf[status];
    const update = () =>
      this.db
        .updateTable('orders')
        .set((eb) => ({
          status: forwardStatus(status),
          // The first report of each step stands; for creation, the earliest time seen.
          [column]: column === 'created_at' ? sql`least(orders.created_at, ${at}::timestamptz)` : eb.fn.coalesce(eb.ref(column), sql`${at}::timestamptz`),
          ...(data.amount !== undefined ? { amount: data.amount } : {}),
          ...(data.discount !== undefined ? { discount: data.discount } : {}),
          ...(data.productIds !== undefined ? { product_ids: data.productIds } : {}),
          updated_at: new Date(),
        }))
        .where('id', '=', data.orderId)
        .returning('id')
        .executeTakeFirst();
    if (await update()) return 'updated';
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
        updated_at: new Date(),
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) return 'created';
    // Another request created it a moment ago: apply this event to that row.
    await update();
    return 'updated';
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
