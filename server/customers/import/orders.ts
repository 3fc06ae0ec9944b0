import { orderStatuses } from '../../../engine/index';
import type { ImportedOrder, OptionalOrderColumn, Orders } from '../orders';
import type { ImportKind } from './csv-import';

const optional: Record<string, OptionalOrderColumn> = { paid_at: 'paidAt', discount: 'discount', product_ids: 'productIds' };

/** `order_id,customer_id,status,created_at,paid_at,amount,discount,product_ids` (docs/import.md). */
export function ordersImport(orders: Orders): ImportKind<ImportedOrder> {
  return {
    kind: 'orders',
    idColumn: 'order_id',
    required: ['order_id', 'customer_id', 'status', 'created_at', 'amount'],
    known: ['order_id', 'customer_id', 'status', 'created_at', 'paid_at', 'amount', 'discount', 'product_ids'],
    read(r, attributes) {
      const id = r.required('order_id');
      const customerId = r.required('customer_id');
      const status = r.oneOf('status', orderStatuses);
      const createdAt = r.dateTime('created_at', true);
      const paidAt = r.dateTime('paid_at', false);
      const amount = r.money('amount', true);
      const discount = r.money('discount', false);
      const productIds = r.list('product_ids');
      if (r.problems.length > 0) return undefined;
      return {
        id: id!,
        customerId: customerId!,
        status: status!,
        createdAt: createdAt!,
        paidAt,
        amount: amount!,
        discount: discount ?? '0',
        productIds,
        attributes,
        setAt: r.startedAt.toISOString(),
      };
    },
    id: (o) => o.id,
    store: (rows, present) => orders.upsertImported(rows, new Set([...present].flatMap((c) => (optional[c] ? [optional[c]] : [])))),
  };
}
