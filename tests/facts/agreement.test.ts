import { describe, expect, it } from 'vitest';
import {
  baseFacts,
  computeCustomerFacts,
  computePopulation,
  shopSettingsSchema,
  type CustomerRecord,
  type OrderRecord,
  type ProductRecord,
  type TierId,
} from '../../engine/index';
import { databaseKinds, type TestDatabase } from '../support/databases';
import { loadFixture, shopForSuite, snapshot, type Shop } from './support';
import { syntheticShop, variants } from './synthetic-shop';

// A seeded synthetic shop: the bulk SQL, the per-customer path and the engine's definition must give
// the same facts for every customer, under several settings.

describe.each(databaseKinds)('bulk, per-customer and engine facts agree on %s', (kind) => {
  let t: TestDatabase;
  let shop: Shop;
  const fixture = syntheticShop(20260630, 160);
  shopForSuite(kind, (opened) => ({ t, shop } = opened));

  it.each(variants)('with %s', async (_name, settingsInput) => {
    await loadFixture(shop, { ...fixture, settings: settingsInput });
    const settings = shopSettingsSchema.parse(settingsInput);
    const asOf = new Date('2026-06-30T16:00:00Z');
    const storedTiers = new Map((await t.db.selectFrom('customers').select(['id', 'tier']).execute()).map((c) => [c.id, c.tier as TierId | null]));

    await shop.facts.refreshAll(asOf);
    const stored = await snapshot(t.db);

    // The engine's reference, from the fixture itself.
    const products = new Map<string, ProductRecord>(fixture.products!.map((p) => [p.id, p]));
    const ordersOf = new Map<string, OrderRecord[]>();
    for (const o of fixture.orders!) {
      const list = ordersOf.get(o.customer) ?? [];
      list.push({
        id: o.id,
        status: o.status,
        amount: o.amount,
        discount: o.discount ?? 0,
        createdAt: new Date(o.createdAt).toISOString(),
        productIds: o.products ?? [],
      });
      ordersOf.set(o.customer, list);
    }
    const ids = [...new Set([...fixture.customers!.map((c) => c.id), ...ordersOf.keys()])];
    const population = computePopulation(ids.map((id) => baseFacts(ordersOf.get(id) ?? [], settings, asOf)));
    expect((await shop.settings.population())?.population).toEqual(population);

    // The snapshot holds every profile and every buyer; a customer known only by uncounted orders
    // (ghost2) gets a row from the per-customer refresh, but has facts all the same.
    const inSnapshot = ids.filter((id) => fixture.customers!.some((c) => c.id === id) || baseFacts(ordersOf.get(id) ?? [], settings, asOf).orderCount > 0);
    expect(ids).toContain('ghost2');
    expect(inSnapshot).not.toContain('ghost2');
    expect([...stored.keys()].sort()).toEqual([...inSnapshot].sort());
    const summary = { buyers: 0, tagged: 0, rfm: new Set<string>(), stages: new Set<string>(), tiers: new Set<string>() };
    for (const id of ids) {
      const c = fixture.customers!.find((x) => x.id === id);
      const customer: CustomerRecord = {
        id,
        birthday: c?.birthday ?? null,
        timezone: c?.timezone ?? null,
        tier: storedTiers.get(id) ?? null,
        manualTags: c?.manualTags ?? [],
      };
      const expected = computeCustomerFacts({ customer, orders: ordersOf.get(id) ?? [], products, settings, population, asOf });
      if (inSnapshot.includes(id)) {
        const { row: _row, ...bulk } = stored.get(id)!;
        expect({ id, ...bulk }, `bulk facts of ${id}`).toEqual({ id, ...expected });
      }
      expect({ id, ...(await shop.facts.forCustomer(id, asOf))?.facts }, `per-customer facts of ${id}`).toEqual({ id, ...expected });
      if (expected.orderCount > 0) summary.buyers++;
      if (expected.tags.length > 0) summary.tagged++;
      if (expected.rfm) summary.rfm.add(expected.rfm.segment);
      summary.stages.add(expected.lifecycleStage);
      summary.tiers.add(expected.tier);
    }
    // The fixture exercises what it should: buyers and non-buyers, several segments, stages, tiers.
    expect(summary.buyers).toBeGreaterThan(80);
    expect(summary.rfm.size).toBeGreaterThanOrEqual(4);
    expect(summary.stages.size).toBe(5);
    expect(summary.tiers.size).toBeGreaterThanOrEqual(3);
    expect(summary.tagged).toBeGreaterThan(10);

    // The per-customer refresh writes the same row the bulk one did, and reports no change.
    for (const id of ids.slice(0, 20)) expect(await shop.facts.refreshCustomer(id, asOf), id).toEqual([]);
    const again = await snapshot(t.db);
    for (const id of ids.slice(0, 20)) expect(again.get(id)).toEqual(stored.get(id));
    // So does the refresh of many customers at once (the router's, for a batch's customers).
    // (A customer the snapshot lacked gets their first row: under a rule on the stage 'none' that
    // row tags them, and the change is theirs alone.)
    const firstRows = (await shop.facts.refreshCustomers(ids.slice(20), asOf)).filter((c) => inSnapshot.includes(c.customerId));
    expect(firstRows).toEqual([]);
    const third = await snapshot(t.db);
    for (const id of ids.slice(20).filter((i) => inSnapshot.includes(i))) expect(third.get(id), id).toEqual(stored.get(id));
  });
});
