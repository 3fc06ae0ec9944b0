import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { customerMutations } from '../../server/worker/customer-mutations';
import { addManualTag, removeManualTag } from '../../server/facts/manual-tags';
import { databaseKinds, type TestDatabase } from '../support/databases';
import { storedUnlikeDerived } from '../support/fact-rows';
import { loadFixture, shopForSuite, snapshot, type Shop } from './support';
import { rng, syntheticShop, variants } from './synthetic-shop';

// The daily refresh recomputes only the customers whose stored values may have moved since the last
// one (server/facts/refresh-scope.ts). Whatever happened in between — orders placed, refunded or
// deleted, profiles edited, tags added and removed, tiers raised by a journey, per-customer
// refreshes, orders leaving the RFM window as the days pass — it must leave exactly the snapshot,
// rule tags and population a full refresh computes from everything.

const asOf = new Date('2026-06-30T16:00:00Z');
// A day and five hours on: orders leave the 365/180/90-day windows and enter the asOf range.
const later = new Date(asOf.getTime() + 29 * 3_600_000);

interface State {
  facts: unknown[];
  tags: unknown[];
  population: unknown;
}

async function state(shop: Shop): Promise<State> {
  const facts = (
    await sql<{
      customer_id: string;
    }>`select customer_id, stage, tier, rfm_segment, tags, facts::text as facts from customer_facts order by customer_id collate "C"`.execute(shop.db)
  ).rows;
  // The stage and segment the lists and audiences read are stored as the view derives them.
  expect(await storedUnlikeDerived(shop.db)).toEqual([]);
  const tags = (await sql`select customer_id, tag, source from customer_tags order by customer_id collate "C", tag collate "C", source`.execute(shop.db)).rows;
  shop.settings.invalidate();
  return { facts, tags, population: (await shop.settings.population())?.population };
}

/** Every kind of change a stored value depends on, on customers picked by a seeded draw. */
async function changeEverything(shop: Shop, seed: number): Promise<string[]> {
  const { db } = shop;
  const r = rng(seed);
  const ids = (await sql<{ id: string }>`select id from customers order by id collate "C"`.execute(db)).rows.map((row) => row.id);
  const pick = () => ids[Math.floor(r() * ids.length)]!;
  const touched: string[] = [];
  // New orders in the hours before the next refresh's asOf.
  for (let i = 0; i < 8; i++) {
    const id = pick();
    touched.push(id);
    await sql`insert into orders (id, customer_id, status, amount, discount, created_at, product_ids)
      values (${`new-${i}`}, ${id}, 'paid', ${100 + i * 37.5}, ${i % 3 === 0 ? 40 : 0}, ${new Date(asOf.getTime() + (i + 1) * 3_600_000)}, ${['p3', 'p7']})`.execute(
      db,
    );
  }
  // Refunds, and a paid order turned to closed; two orders deleted outright.
  const paid = (await sql<{ id: string; customer_id: string }>`select id, customer_id from orders where status = 'paid' order by id collate "C"`.execute(db))
    .rows;
  for (let i = 0; i < 8; i++) {
    const order = paid[Math.floor(r() * paid.length)]!;
    touched.push(order.customer_id);
    await sql`update orders set status = ${i % 2 ? 'refunded' : 'closed'} where id = ${order.id}`.execute(db);
  }
  for (const order of paid.slice(0, 2)) await sql`delete from orders where id = ${order.id}`.execute(db);
  // Profiles: birthdays, zones, a brand-new member, a buyer seen for the first time.
  for (let i = 0; i < 4; i++)
    await sql`update customers set birthday = ${`0${1 + i}-1${i}`}, timezone = ${i % 2 ? 'Asia/Tokyo' : null} where id = ${pick()}`.execute(db);
  await sql`insert into customers (id, birthday, attributes) values ('newcomer', '07-02', '{}')`.execute(db);
  await sql`insert into orders (id, customer_id, status, amount, created_at) values ('first-1', 'first-timer', 'paid', 88, ${new Date(asOf.getTime() + 600_000)})`.execute(
    db,
  );
  // Manual tags added and removed; tiers raised by a journey's step.
  for (let i = 0; i < 4; i++) await addManualTag(db, pick(), i % 2 ? '回访' : '新标签');
  const tagged = (
    await sql<{
      customer_id: string;
      tag: string;
    }>`select customer_id, tag from customer_tags where source = 'manual' order by customer_id collate "C" limit 3`.execute(db)
  ).rows;
  for (const t of tagged) await removeManualTag(db, t.customer_id, t.tag);
  const mutations = customerMutations(db);
  await mutations.raiseTier(pick(), 'vip', 'raise-1');
  await mutations.raiseTier(pick(), 'supreme', 'raise-2');
  // Per-customer refreshes in between, as order events cause them.
  for (const id of touched.slice(0, 3)) await shop.facts.refreshCustomer(id, new Date(asOf.getTime() + 12 * 3_600_000));
  return touched;
}

describe.each(databaseKinds)('a refresh of the changed customers on %s', (kind) => {
  let t: TestDatabase;
  let shop: Shop;
  const fixture = syntheticShop(20261123, 160);
  shopForSuite(kind, (opened) => ({ t, shop } = opened));

  it.each(variants)('leaves what a full refresh leaves, with %s', async (_name, settings) => {
    await loadFixture(shop, { ...fixture, settings });
    const first = await shop.facts.refreshAllSummary(asOf);
    expect(first.mode).toBe('full');
    expect(first.reason).toBe('no earlier snapshot');
    expect((await sql<{ n: number }>`select count(*)::int as n from facts_dirty`.execute(t.db)).rows[0]!.n).toBe(0);

    expect(await storedUnlikeDerived(t.db)).toEqual([]);

    await changeEverything(shop, 7);
    expect(await storedUnlikeDerived(t.db)).toEqual([]);
    const marked = (await sql<{ n: number }>`select count(*)::int as n from facts_dirty`.execute(t.db)).rows[0]!.n;
    expect(marked).toBeGreaterThan(10);

    const changed = await shop.facts.refreshAllSummary(later);
    expect(changed.mode).toBe('changed');
    // Far fewer than the whole stock, and at least every marked customer.
    expect(changed.recomputed).toBeGreaterThanOrEqual(marked);
    expect(changed.recomputed).toBeLessThan(changed.customers / 2);
    expect((await sql<{ n: number }>`select count(*)::int as n from facts_dirty`.execute(t.db)).rows[0]!.n).toBe(0);
    const afterChanged = await state(shop);

    const full = await shop.facts.refreshAllSummary(later, { full: true });
    expect(full.mode).toBe('full');
    expect(full.reason).toBe('asked for');
    // The full refresh finds nothing the changed one missed.
    expect(full.changes).toEqual([]);
    const afterFull = await state(shop);
    expect(afterChanged.population).toEqual(afterFull.population);
    expect(afterChanged.tags).toEqual(afterFull.tags);
    expect(afterChanged.facts).toEqual(afterFull.facts);

    // And the stored facts are what the per-customer path computes for that moment.
    for (const [id, { row: _row, ...facts }] of await snapshot(t.db)) {
      expect({ id, ...facts }, `facts of ${id}`).toEqual({ id, ...(await shop.facts.forCustomer(id, later))?.facts });
    }
  });

  it('recomputes only the marked customers and the buyers whose window moved', async () => {
    await loadFixture(shop, {
      customers: [{ id: 'quiet' }, { id: 'edited' }, { id: 'leaving' }],
      orders: [
        { id: 'q1', customer: 'quiet', status: 'paid', amount: 50, createdAt: '2026-05-01T00:00:00Z' },
        { id: 'e1', customer: 'edited', status: 'paid', amount: 50, createdAt: '2026-05-01T00:00:00Z' },
        // 365 days before asOf plus twelve hours: in today's window, out of tomorrow's.
        { id: 'l1', customer: 'leaving', status: 'paid', amount: 70, createdAt: '2025-07-01T04:00:00Z' },
        { id: 'l2', customer: 'leaving', status: 'paid', amount: 30, createdAt: '2026-06-01T00:00:00Z' },
      ],
    });
    await shop.facts.refreshAll(asOf);
    expect((await shop.facts.forCustomer('leaving', asOf))?.facts).toMatchObject({ frequency: 2, monetary: 100 });
    await sql`update customers set birthday = '12-24' where id = 'edited'`.execute(t.db);
    const next = await shop.facts.refreshAllSummary(new Date(asOf.getTime() + 86_400_000));
    expect(next).toMatchObject({ mode: 'changed', recomputed: 2 });
    const stored = await snapshot(t.db);
    expect(stored.get('leaving')).toMatchObject({ frequency: 1, monetary: 30, orderCount: 2 });
    expect(stored.get('edited')?.daysToBirthday).toBe(175);
  });

  it('refreshes everyone when the settings or the products they read change, or asOf goes back', async () => {
    await loadFixture(shop, {
      settings: { tagRules: [{ kind: 'bought-category', tag: '油性肤质', categories: ['控油'] }] },
      products: [{ id: 'p1', category: '护肤' }],
      customers: [{ id: 'ann' }],
      orders: [{ id: 'a1', customer: 'ann', status: 'paid', amount: 50, createdAt: '2026-05-01T00:00:00Z', products: ['p1'] }],
    });
    await shop.facts.refreshAll(asOf);
    expect((await snapshot(t.db)).get('ann')?.tags).toEqual([]);
    // A product moved to a category a rule names: everyone who bought it is tagged.
    await sql`update products set category = '控油' where id = 'p1'`.execute(t.db);
    expect(await shop.facts.refreshAllSummary(asOf)).toMatchObject({ mode: 'full', reason: 'products changed' });
    expect((await snapshot(t.db)).get('ann')?.tags).toEqual(['油性肤质']);
    expect((await shop.facts.refreshAllSummary(asOf)).mode).toBe('changed');

    await shop.settings.putShop({ tagRules: [] });
    expect(await shop.facts.refreshAllSummary(asOf)).toMatchObject({ mode: 'full', reason: 'settings changed' });
    expect((await snapshot(t.db)).get('ann')?.tags).toEqual([]);
    expect(await shop.facts.refreshAllSummary(new Date(asOf.getTime() - 86_400_000))).toMatchObject({ mode: 'full', reason: 'asOf before the last refresh' });
  });
});
