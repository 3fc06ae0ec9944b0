import { sql } from 'kysely';
import { afterAll, beforeAll, expect } from 'vitest';
import type { CustomerFacts, OrderStatus } from '../../engine/index';
import { json, type Db } from '../../server/db/database';
import { FactsService } from '../../server/facts/facts-service';
import { SettingsStore } from '../../server/facts/settings-store';
import { openTestDatabase, type TestDatabase } from '../support/databases';

export interface FixtureCustomer {
  id: string;
  name?: string;
  phone?: string;
  email?: string;
  birthday?: string;
  timezone?: string;
  region?: string;
  tier?: string;
  manualTags?: string[];
  attributes?: Record<string, unknown>;
}
export interface FixtureOrder {
  id: string;
  customer: string;
  status: OrderStatus;
  amount: number;
  createdAt: string;
  discount?: number;
  products?: string[];
}
export interface FixtureProduct {
  id: string;
  category: string | null;
}
export interface Fixture {
  customers?: FixtureCustomer[];
  orders?: FixtureOrder[];
  products?: FixtureProduct[];
  settings?: unknown;
}

export interface Shop {
  db: Db;
  settings: SettingsStore;
  facts: FactsService;
}

/**
 * A fresh database of the kind with a shop on it for a suite: opened before its tests (and handed
 * to `take`, which keeps them in the suite's variables), closed after them.
 */
export function shopForSuite(kind: TestDatabase['kind'], take: (opened: { t: TestDatabase; shop: Shop }) => void): void {
  let t: TestDatabase | undefined;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    take({ t, shop: shopOn(t.db) });
  });
  afterAll(() => t?.close());
}

export function shopOn(db: Db): Shop {
  const settings = new SettingsStore(db);
  return { db, settings, facts: new FactsService(db, settings) };
}

/** Empties the shop's customer data, then loads the fixture: each scenario starts from nothing. */
export async function loadFixture(shop: Shop, fixture: Fixture): Promise<void> {
  const { db } = shop;
  for (const table of ['orders', 'customers', 'customer_tags', 'customer_facts', 'products', 'settings', 'events'])
    await sql.raw(`delete from ${table}`).execute(db);
  shop.settings.invalidate();
  if (fixture.settings !== undefined) await shop.settings.putShop(fixture.settings);
  if (fixture.customers?.length) {
    await db
      .insertInto('customers')
      .values(
        fixture.customers.map((c) => ({
          id: c.id,
          name: c.name ?? null,
          phone: c.phone ?? null,
          email: c.email ?? null,
          birthday: c.birthday ?? null,
          timezone: c.timezone ?? null,
          region: c.region ?? null,
          tier: c.tier ?? null,
          attributes: json(c.attributes ?? {}),
          updated_at: new Date(),
        })),
      )
      .execute();
    const tags = fixture.customers.flatMap((c) => (c.manualTags ?? []).map((tag) => ({ customer_id: c.id, tag, source: 'manual' })));
    if (tags.length) await db.insertInto('customer_tags').values(tags).execute();
  }
  if (fixture.products?.length) {
    await db
      .insertInto('products')
      .values(fixture.products.map((p) => ({ id: p.id, name: p.id, category: p.category, tags: json([]), attributes: json({}), updated_at: new Date() })))
      .execute();
  }
  for (let i = 0; i < (fixture.orders?.length ?? 0); i += 500) {
    await db
      .insertInto('orders')
      .values(
        fixture.orders!.slice(i, i + 500).map((o) => ({
          id: o.id,
          customer_id: o.customer,
          status: o.status,
          amount: o.amount,
          discount: o.discount ?? 0,
          created_at: o.createdAt,
          product_ids: o.products ?? [],
          attributes: json({}),
          updated_at: new Date(),
        })),
      )
      .execute();
  }
}

/** The stored snapshot's facts by customer id. */
export async function snapshot(
  db: Db,
): Promise<Map<string, CustomerFacts & { row: { stage: string; tier: string; rfm_segment: string | null; tags: string[] } }>> {
  const rows = await db.selectFrom('customer_facts').selectAll().execute();
  return new Map(
    rows.map((r) => [
      r.customer_id,
      { ...(r.facts as unknown as CustomerFacts), row: { stage: r.stage, tier: r.tier, rfm_segment: r.rfm_segment, tags: r.tags } },
    ]),
  );
}

/**
 * Runs the bulk refresh as of `asOf` and checks, for every expected customer, the stored facts
 * against the hand-computed values and the per-customer path against the stored facts (all of them).
 */
export async function expectFacts(shop: Shop, asOf: Date, expected: Record<string, Partial<CustomerFacts>>): Promise<Map<string, CustomerFacts>> {
  await shop.facts.refreshAll(asOf);
  const stored = await snapshot(shop.db);
  for (const [id, want] of Object.entries(expected)) {
    const got = stored.get(id);
    expect(got, `snapshot of ${id}`).toBeDefined();
    expect({ id, ...got }, `stored facts of ${id}`).toMatchObject({ id, ...want });
  }
  for (const [id, got] of stored) {
    const { row, ...facts } = got;
    const fresh = await shop.facts.forCustomer(id, asOf);
    expect({ id, ...fresh?.facts }, `per-customer facts of ${id}`).toEqual({ id, ...facts });
    expect(row).toEqual({ stage: facts.lifecycleStage, tier: facts.tier, rfm_segment: facts.rfm?.segment ?? null, tags: facts.tags });
  }
  return stored;
}

/** A local time in Shanghai (UTC+8, no daylight saving): `at('2026-06-01', '10:00')`. */
export const at = (date: string, time = '10:00') => `${date}T${time}:00+08:00`;

/** The Shanghai calendar date `n` days before `date` (YYYY-MM-DD). */
export function daysBefore(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
}
