import { sql } from 'kysely';
import {
  higherTier,
  scoresByCategory,
  tierIds,
  type CustomerRecord,
  type OrderRecord,
  type OrderStatus,
  type ProductRecord,
  type ShopSettings,
  type TierId,
} from '../../engine/index';
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

/**
 * An order as the function returns it: [id, status, amount, discount, created (epoch ms), product
 * ids (null unless the settings read products), categories (null unless they read categories)].
 */
type OrderRow = [string, OrderStatus, number | string, number | string, number | string, string[] | null, Record<string, string | null> | null];

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
  row_tier: string | null;
  manual_tags: string[] | null;
}

/** Whether the settings look at product categories at all (else the products are not read). */
export function needsCategories(settings: ShopSettings): boolean {
  return settings.tagRules.some((r) => r.kind === 'bought-category') || scoresByCategory(settings);
}

/** Whether any fact depends on what an order bought (else its product ids are not sent). */
function needsProducts(settings: ShopSettings): boolean {
  return needsCategories(settings) || settings.tagRules.some((r) => r.kind === 'bought-product');
}

/**
 * What the facts of one customer are computed from, in one call (one round trip) of the database
 * function customer_fact_inputs (migrations 0010 and 0012, whose plan the connection keeps): the
 * profile (primary key) with its manual tags and kept tier, whether any order names the customer,
 * and the counted orders up to asOf (index orders(customer_id, created_at)), with their product ids
 * and the products' categories only when the settings read them (an order's productIds are empty
 * otherwise). A customer known only by orders (no profile yet, even without a counted order)
 * still has facts; one with neither is undefined.
 */
export async function loadCustomerInputs(db: Db, customerId: string, asOf: Date, settings: ShopSettings): Promise<CustomerInputs | undefined> {
  const { rows } = await sql<
    ProfileRow & { orders: OrderRow[] }
  >`select * from customer_fact_inputs(${customerId}::text, ${asOf}::timestamptz, ${needsProducts(settings)}::boolean, ${needsCategories(settings)}::boolean)`.execute(
    db,
  );
  return inputsOf(customerId, rows[0]!);
}

/** The same for many customers in one statement (the function once per customer, in one round trip); customers with neither profile nor order are absent. */
export async function loadManyCustomerInputs(db: Db, customerIds: readonly string[], asOf: Date, settings: ShopSettings): Promise<Map<string, CustomerInputs>> {
  const { rows } = await sql<ProfileRow & { orders: OrderRow[]; customer_id: string }>`select c.id as customer_id, f.*
    from unnest(${[...customerIds]}::text[]) as c(id)
    cross join lateral customer_fact_inputs(c.id, ${asOf}::timestamptz, ${needsProducts(settings)}::boolean, ${needsCategories(settings)}::boolean) f`.execute(
    db,
  );
  const found = new Map<string, CustomerInputs>();
  for (const row of rows) {
    const inputs = inputsOf(row.customer_id, row);
    if (inputs) found.set(row.customer_id, inputs);
  }
  return found;
}

function inputsOf(customerId: string, profile: ProfileRow & { orders: OrderRow[] }): CustomerInputs | undefined {
  if (!profile.has_profile && !profile.has_orders) return undefined;
  const products = new Map<string, ProductRecord>();
  for (const o of profile.orders) for (const [id, category] of Object.entries(o[6] ?? {})) products.set(id, { id, category });
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
      birthdayCalendar: profile.attributes?.birthdayCalendar,
      timezone: profile.timezone ?? null,
      tier: keptTier(profile.tier, profile.row_tier),
      manualTags: profile.manual_tags ?? [],
    },
    orders: profile.orders.map(([id, status, amount, discount, createdMs, productIds]) => ({
      id,
      status,
      amount: Number(amount),
      discount: Number(discount),
      createdAt: new Date(Number(createdMs)).toISOString(),
      productIds: productIds ?? [],
    })),
    products,
  };
}

/**
 * The tier a customer keeps whatever their orders do now: the higher of the profile's (set by a
 * journey step or an import) and the one their stored facts row was raised to; null when neither.
 */
function keptTier(profile: string | null, row: string | null): TierId | null {
  const known = [profile, row].filter((t): t is TierId => t !== null && tierIds.includes(t as TierId));
  return known.length === 0 ? null : known.reduce((a, b) => higherTier(a, b));
}
