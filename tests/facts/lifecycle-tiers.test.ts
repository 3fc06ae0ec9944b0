import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { factChangeEvents, type CustomerEvent, type FactChange } from '../../engine/index';
import { databaseKinds, type TestDatabase } from '../support/databases';
import { at, daysBefore, expectFacts, loadFixture, shopForSuite, type FixtureOrder, type Shop } from './support';

const today = '2026-06-30';
const asOf = new Date(at(today, '12:00'));
const bought = (id: string, customer: string, daysAgo: number, amount: number, status: FixtureOrder['status'] = 'paid'): FixtureOrder => ({
  id,
  customer,
  status,
  amount,
  createdAt: at(daysBefore(today, daysAgo), '09:00'),
});
const byKind = (changes: FactChange[]) => [...changes].sort((a, b) => `${a.customerId}${a.kind}`.localeCompare(`${b.customerId}${b.kind}`));

describe.each(databaseKinds)('lifecycle stages and tiers on %s', (kind) => {
  let t: TestDatabase;
  let shop: Shop;
  shopForSuite(kind, (opened) => ({ t, shop } = opened));
  /** The change events stored, in the order they were received (the order the router takes them in). */
  const factEvents = async (): Promise<CustomerEvent[]> =>
    (await t.db.selectFrom('events').selectAll().where('id', 'like', 'facts:%').orderBy('received_at').execute()).map((e) => ({
      id: e.id,
      type: e.type,
      customerId: e.customer_id,
      occurredAt: e.occurred_at.toISOString(),
      data: e.data,
    }));

  it('splits the stock of buyers 3:3:3:1 by recency in ratio mode', async () => {
    // Ten buyers with distinct recencies: the 30th/60th/90th percentile_disc are 15, 60 and 130.
    const recencies = [3, 8, 15, 22, 40, 60, 85, 100, 130, 200];
    await loadFixture(shop, {
      settings: { lifecycle: { mode: 'ratio' } },
      customers: [{ id: 'never' }],
      orders: recencies.map((n) => bought(`o${n}`, `r${n}`, n, 50)),
    });
    const stages = ['active', 'active', 'active', 'silent', 'silent', 'silent', 'sleeping', 'sleeping', 'sleeping', 'lost'];
    const stored = await expectFacts(shop, asOf, {
      ...Object.fromEntries(recencies.map((n, i) => [`r${n}`, { recencyDays: n, lifecycleStage: stages[i] as never }])),
      never: { lifecycleStage: 'none' },
    });
    const count = (stage: string) => [...stored.values()].filter((f) => f.lifecycleStage === stage).length;
    expect([count('active'), count('silent'), count('sleeping'), count('lost'), count('none')]).toEqual([3, 3, 3, 1, 1]);
    expect((await shop.settings.population())?.population.lifecycleRatio).toEqual([15, 60, 130]);
    // The same buyers by the default windows (45 / 90 / 140 days).
    await shop.settings.putShop({});
    await expectFacts(shop, asOf, {
      r40: { lifecycleStage: 'active' },
      r85: { lifecycleStage: 'silent' },
      r130: { lifecycleStage: 'sleeping' },
      r200: { lifecycleStage: 'lost' },
    });
  });

  it('raises tiers by spend or order count and never lowers them for refunds or time', async () => {
    await loadFixture(shop, {
      customers: [{ id: 'u1' }, { id: 'u3' }],
      orders: [
        bought('u1-1', 'u1', 10, 100),
        bought('u1-2', 'u1', 20, 100),
        bought('u1-3', 'u1', 30, 100),
        bought('u2-1', 'u2', 10, 5000), // known by orders alone: no profile row
        bought('u3-1', 'u3', 10, 400),
        bought('u3-2', 'u3', 20, 400),
      ],
    });
    // The first snapshot is where everyone stands: tiers earned, and no change announced.
    expect(await shop.facts.refreshAll(asOf)).toEqual([]);
    // The raised tier is kept in the facts rows; the profiles' own tier (set by journeys) is untouched.
    const stored = async () =>
      Object.fromEntries(
        (await sql<{ customer_id: string; tier: string }>`select customer_id, tier from customer_fact_rows order by customer_id`.execute(t.db)).rows.map(
          (r) => [r.customer_id, r.tier],
        ),
      );
    expect(await stored()).toEqual({ u1: 'senior', u2: 'vip', u3: 'ordinary' });
    expect((await t.db.selectFrom('customers').select(['id', 'tier']).orderBy('id').execute()).map((r) => r.tier)).toEqual([null, null]);

    // A refund takes u1 below three orders; asOf before u2's order takes their spend to nothing.
    await t.db.updateTable('orders').set({ status: 'refunded' }).where('id', '=', 'u1-1').execute();
    const later = await expectFacts(shop, asOf, { u1: { orderCount: 2, tier: 'senior' }, u2: { tier: 'vip' }, u3: { tier: 'ordinary' } });
    expect(later.get('u1')!.tier).toBe('senior');
    await expectFacts(shop, new Date(at(daysBefore(today, 15))), { u2: { orderCount: 0, lifecycleStage: 'none', tier: 'vip' } });
    expect(await stored()).toEqual({ u1: 'senior', u2: 'vip', u3: 'ordinary' });
    // The per-customer refresh keeps them too.
    expect(await shop.facts.refreshCustomer('u1', asOf)).toEqual([]);
    expect((await shop.facts.forCustomer('u1', asOf))?.facts.tier).toBe('senior');
  });

  it('reports stage, tier and tag changes against the previous snapshot', async () => {
    await loadFixture(shop, {
      settings: { tagRules: [{ kind: 'bought-product', tag: '老客', productIds: ['p1'] }] },
      customers: [{ id: 'quiet' }, { id: 'tagged', manualTags: ['手动'] }],
      orders: [{ ...bought('a1', 'ann', 40, 100), products: ['p1'] }, bought('b1', 'ben', 10, 100)],
    });
    // The first snapshot sets everyone's starting point: nothing is announced, no event stored.
    expect(await shop.facts.refreshAll(asOf)).toEqual([]);
    expect(await factEvents()).toEqual([]);
    // Nothing moved: nothing to report.
    expect(await shop.facts.refreshAll(asOf)).toEqual([]);
    // Ten days on, ann (50 days) is silent and ben (20 days) still active.
    const tenDaysOn = new Date(asOf.getTime() + 10 * 86_400_000);
    const tenDaysLater = await shop.facts.refreshAll(tenDaysOn);
    expect(tenDaysLater).toEqual([{ customerId: 'ann', kind: 'stage_changed', from: 'active', to: 'silent' }]);
    // Stored as events by the refresh itself, exactly as the engine makes them (ids per customer,
    // change and local day), so the per-customer path and a retried refresh store each once.
    expect(await factEvents()).toEqual(factChangeEvents(tenDaysLater, tenDaysOn, 'Asia/Shanghai'));
    expect(await shop.facts.refreshAllSummary(tenDaysOn, { full: true })).toMatchObject({ changes: [], eventsStored: 0 });
    // An order makes ben senior at once through the per-customer path; the bulk refresh then agrees.
    await t.db
      .insertInto('orders')
      .values(
        ['b2', 'b3'].map((id) => ({
          id,
          customer_id: 'ben',
          status: 'paid',
          amount: 10,
          created_at: tenDaysOn,
          product_ids: ['p1'],
          attributes: '{}',
          updated_at: new Date(),
        })),
      )
      .execute();
    expect(byKind(await shop.facts.refreshCustomer('ben', tenDaysOn))).toEqual([
      { customerId: 'ben', kind: 'tagged', tag: '老客' },
      { customerId: 'ben', kind: 'tier_changed', from: 'ordinary', to: 'senior' },
    ]);
    expect(await shop.facts.refreshAll(tenDaysOn)).toEqual([]);
    // A customer new since the first snapshot changes from nothing where there is something (a
    // stage but none, a tier but ordinary, each tag); one with nothing of the kind, not at all.
    await t.db
      .insertInto('customers')
      .values(['cleo', 'dan'].map((id) => ({ id, attributes: '{}', updated_at: new Date() })))
      .execute();
    await t.db.insertInto('customer_tags').values({ customer_id: 'cleo', tag: '手动', source: 'manual' }).execute();
    await t.db
      .insertInto('orders')
      .values(
        ['c1', 'c2', 'c3'].map((id) => ({
          id,
          customer_id: 'cleo',
          status: 'paid',
          amount: 10,
          created_at: tenDaysOn,
          product_ids: ['p1'],
          attributes: '{}',
          updated_at: new Date(),
        })),
      )
      .execute();
    const newcomers = await shop.facts.refreshAll(tenDaysOn);
    expect(byKind(newcomers)).toEqual([
      { customerId: 'cleo', kind: 'stage_changed', from: null, to: 'active' },
      { customerId: 'cleo', kind: 'tagged', tag: '手动' },
      { customerId: 'cleo', kind: 'tagged', tag: '老客' },
      { customerId: 'cleo', kind: 'tier_changed', from: null, to: 'senior' },
    ]);
    const stored = await factEvents();
    expect(stored.filter((e) => e.customerId === 'cleo')).toEqual(factChangeEvents(newcomers, tenDaysOn, 'Asia/Shanghai'));
    // The rule tag is stored with its source, so tag filters find it.
    const tags = await t.db.selectFrom('customer_tags').select(['customer_id', 'tag', 'source']).orderBy('customer_id').orderBy('source').execute();
    expect(tags).toEqual([
      { customer_id: 'ann', tag: '老客', source: 'rule' },
      { customer_id: 'ben', tag: '老客', source: 'rule' },
      { customer_id: 'cleo', tag: '手动', source: 'manual' },
      { customer_id: 'cleo', tag: '老客', source: 'rule' },
      { customer_id: 'tagged', tag: '手动', source: 'manual' },
    ]);
    // The unknown customer has no facts and no changes.
    expect(await shop.facts.forCustomer('nobody', asOf)).toBeUndefined();
    expect(await shop.facts.refreshCustomer('nobody', asOf)).toEqual([]);
  });
});
