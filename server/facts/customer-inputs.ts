import { sql } from 'kysely';
import { countedStatuses, type CustomerRecord, type OrderRecord, type OrderStatus, type ProductRecord, type ShopSettings, type TierId } from '../../engine/index';
import type { Db } from '../db/database';

/** A customer as the API shows them (PII unmasked; the routes mask by role). */
export interface CustomerView {
  id: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  birthday: string | null;
  timezone: string | null;
  region: string | null;
  attributes: Record<string, unknown>;
}

export interface CustomerInputs {
  view: CustomerView;
  record: CustomerRecord;
  orders: OrderRecord[];
  products: Map<string, ProductRecord>;
}

interface ProfileRow {
  has_profile: boolean;
  has_orders: boolean;
  name: string | null;
  phone: string | null;
  email: string | null;
  birthday: string | null;
  timezone: string | null;
  region: string | null;
  attributes: Record<string, unknown> | null;
  tier: string | null;
  manual_tags: string[] | null;
}

/** Whether the settings look at product categories at all (else the products are not read). */
export function needsCategories(settings: ShopSettings): boolean {
  return settings.tagRules.some((r) => r.kind === 'bought-category') || (settings.rfm.scoring === 'ranges' && Object.keys(settings.rfm.byCategory).length > 0);
}

/**
 * What the facts of one customer are computed from, in two indexed queries: the profile with its
 * manual tags and whether any order names them (primary keys, index orders(customer_id,
 * created_at)), then the counted orders up to asOf (same index) with their products' categories
 * when the settings need them. A customer known only by orders (no profile yet, even without a
 * counted order) still has facts; one with neither is undefined.
 */
export async function loadCustomerInputs(db: Db, customerId: string, asOf: Date, settings: ShopSettings): Promise<CustomerInputs | undefined> {
  const [profile, orders] = await Promise.all([
    sql<ProfileRow>`select c.id is not null as has_profile, c.name, c.phone, c.email, c.birthday, c.timezone, c.region, c.attributes, c.tier,
        (select array_agg(t.tag) from customer_tags t where t.customer_id = k.id and t.source = 'manual') as manual_tags,
        exists (select 1 from orders o where o.customer_id = k.id) as has_orders
      from (select ${customerId}::text as id) k left join customers c on c.id = k.id`
      .execute(db)
      .then((r) => r.rows[0]!),
    db
      .selectFrom('orders as o')
      .select(['o.id', 'o.status', 'o.amount', 'o.discount', 'o.created_at', 'o.product_ids'])
      .$if(needsCategories(settings), (q) =>
        q.select(
          sql<Record<string, string | null> | null>`(select jsonb_object_agg(p.id, p.category) from products p where p.id = any(o.product_ids))`.as('categories'),
        ),
      )
      .where('o.customer_id', '=', customerId)
      .where('o.status', 'in', [...countedStatuses])
      .where('o.created_at', '<=', asOf)
      .orderBy('o.created_at')
      .execute(),
  ]);
  if (!profile.has_profile && !profile.has_orders) return undefined;
  const products = new Map<string, ProductRecord>();
  for (const o of orders) {
    const categories = (o as { categories?: Record<string, string | null> | null }).categories ?? {};
    for (const [id, category] of Object.entries(categories)) products.set(id, { id, category });
  }
  return {
    view: {
      id: customerId,
      name: profile.name ?? null,
      phone: profile.phone ?? null,
      email: profile.email ?? null,
      birthday: profile.birthday ?? null,
      timezone: profile.timezone ?? null,
      region: profile.region ?? null,
      attributes: profile.attributes ?? {},
    },
    record: {
      id: customerId,
      birthday: profile.birthday ?? null,
      timezone: profile.timezone ?? null,
      tier: (profile.tier as TierId | null | undefined) ?? null,
      manualTags: profile.manual_tags ?? [],
    },
    orders: orders.map((o) => ({
      id: o.id,
      status: o.status as OrderStatus,
      amount: Number(o.amount),
      discount: Number(o.discount),
      createdAt: o.created_at.toISOString(),
      productIds: o.product_ids,
    })),
    products,
  };
}
