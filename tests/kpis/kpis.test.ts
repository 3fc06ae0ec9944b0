import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeCustomerFacts, defaultShopSettings, type CustomerFacts, roundedQuotient, toCents, type OrderRecord, type TierId } from '../../engine/index';
import { json } from '../../server/db/database';
import { computeKpis } from '../../server/kpis/compute';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases';
import { daysAgo, insertFactRows, useDefaultRanges } from '../support/fact-rows';
import { AS_OF, AS_OF_DATE, fixtureCustomers, fixtureOrders, insertFixture } from './fixture';

/*
 * The KPI board on the hand-made shop of ./fixture.ts, checked against counts made by hand.
 * Customers c01…c15 (no c12 orders); "counted" = paid, shipped or delivered, placed at or before A.
 */
describe.each(databaseKinds)('KPI board on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    await insertFixture(t.db);
  });
  afterAll(() => t?.close());

  it('counts rolling customers, returning ratio and AOV over the 365 days before asOf', async () => {
    const k = await computeKpis(t.db, { asOf: AS_OF_DATE, periodDays: 30 });
    expect(k.asOf).toBe(AS_OF); // a date means the end of that day in the shop's time zone
    expect(k.asOfDate).toBe(AS_OF_DATE);
    expect(k.timezone).toBe('Asia/Shanghai');
    // Buyers with a counted order from local 2025-07-01 to A: c01 c02 c03 c04 c05 c06 c07 c09 c10
    // c13 c14 c15 = 12. Not c08 (2024 only), not c11 (nothing counted), not c12 (no orders).
    expect(k.rollingCustomers).toBe(12);
    // Returning: c01 (2025-03-01 before the window, and twice in it), c03 (twice), c04 (2024-12-01
    // before), c05 (twice), c07 (twice), c13 (2023 before), c15 (twice) = 7. Once and new: c02
    // (its second order was refunded), c06 (its second is after A), c09, c10, c14.
    expect(k.returningRatio).toBeCloseTo(7 / 12, 10);
    // Counted orders in the window: c01 100+200, c02 150, c03 120+120, c04 90, c05 800+300, c06 50,
    // c07 70+130, c09 40, c10 60, c13 250, c14 180, c15 110+90 = 2860 over 17 orders = 168.235…
    expect(k.aov).toBe(168.24);
  });

  it('gives repurchase rates by lifecycle window at the start of the period', async () => {
    const k = await computeKpis(t.db, { asOf: AS_OF_DATE, periodDays: 30 });
    expect(k.period).toEqual({ days: 30, start: '2026-05-31T15:59:59.999Z' });
    expect(k.windows).toEqual({ activeDays: 45, silentDays: 90, sleepingDays: 140 });
    // Days from the last counted purchase to S (local 05-31), and whether they bought in June:
    // within 0–45: c01 41 ✓, c02 45 ✗ (refund only), c09 15 ✗, c15 6 ✓                  → 2 of 4
    // 46–90:       c03 46 ✓, c04 90 ✗ (unpaid + closed only), c14 60 ✗                   → 1 of 3
    // 91–140:      c05 91 ✓, c06 140 ✗ (its next order is after A)                       → 1 of 2
    // over 140:    c07 141 ✓, c08 (2024) ✗, c13 (2023) ✓                                 → 2 of 3
    // c10's first order is after S, so it is in no window.
    expect(k.repurchaseCounts).toEqual({
      within45: { customers: 4, repurchased: 2 },
      d45to90: { customers: 3, repurchased: 1 },
      d90to140: { customers: 2, repurchased: 1 },
      over140: { customers: 3, repurchased: 2 },
    });
    expect(k.repurchaseRate.within45).toBeCloseTo(1 / 2, 10);
    expect(k.repurchaseRate.d45to90).toBeCloseTo(1 / 3, 10);
    expect(k.repurchaseRate.d90to140).toBeCloseTo(1 / 2, 10);
    expect(k.repurchaseRate.over140).toBeCloseTo(2 / 3, 10);
  });

  it('takes the period length as a parameter', async () => {
    const k = await computeKpis(t.db, { asOf: AS_OF_DATE, periodDays: 60 });
    // S = A − 60 days, local 05-01; "in the period" = local 05-02 … A.
    // 0–45: c01 11 ✓, c02 15 ✗, c03 16 ✓, c14 30 ✗; 46–90: c04 60 ✗, c05 61 ✓;
    // 91–140: c06 110 ✗, c07 111 ✓; over 140: c08 ✗, c13 ✓. c09, c10, c15 first bought after S.
    expect(k.repurchaseCounts).toEqual({
      within45: { customers: 4, repurchased: 2 },
      d45to90: { customers: 2, repurchased: 1 },
      d90to140: { customers: 2, repurchased: 1 },
      over140: { customers: 2, repurchased: 1 },
    });
  });

  it('distributes customers by stage (from recency at asOf) and tier', async () => {
    const k = await computeKpis(t.db, { asOf: AS_OF_DATE, periodDays: 30 });
    // Days from the last counted purchase to A (local 06-30):
    // active ≤45: c01 20, c03 10, c05 5, c07 2, c09 45 (00:30 local), c10 29, c13 18, c15 12 = 8
    // silent 46–90: c02 75, c14 90 = 2; sleeping 91–140: c04 120 = 1; lost: c06 170, c08 = 2
    // none (on file, nothing counted): c11, c12 = 2
    expect(k.distributions.stage).toEqual({ active: 8, silent: 2, sleeping: 1, lost: 2, none: 2 });
    // Tiers by the default rules (senior: spend ≥ 1000 or ≥ 3 orders), never below the stored one:
    // c01 earns senior (3 orders) but once reached VIP → vip; c05 spent 1100 → senior; c12 is
    // stored senior without orders; the other 11 buyers are ordinary. c11 has neither.
    expect(k.distributions.tier).toEqual({ ordinary: 11, senior: 2, vip: 1, supreme: 0 });
  });

  it('draws the trend for the 12 months to asOf, one point per month end', async () => {
    const k = await computeKpis(t.db, { asOf: AS_OF_DATE, periodDays: 30 });
    expect(k.trend.map((p) => p.month)).toEqual([
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
    ]);
    expect(k.trend[0]!.asOf).toBe('2025-07-31T15:59:59.999Z'); // end of July in Shanghai
    expect(k.trend[11]!.asOf).toBe(AS_OF);
    // Buyers per local month: Jan c06 c07; Mar c04 c05; Apr c01 c02 c03 c14; May c09 c15 (c10's
    // 00:30 on 06-01 is June in Shanghai); Jun c01 c03 c05 c07 c10 c13 c15 (not c02's refund,
    // c04's unpaid/closed, c06's order after A).
    expect(k.trend.map((p) => p.buyers)).toEqual([0, 0, 0, 0, 0, 0, 2, 0, 2, 4, 2, 7]);
    // Rolling buyers at each month end:
    // 2025-07…11: c04 (2024-12-01) and c01 (2025-03-01), each once, nothing before → 2, 0/2, (60+80)/2
    // 2025-12: window from 2025-01-01: c01 only → 1, 0/1, 80
    // 2026-01, -02: c01, c06, c07 → 3, 0/3, (80+50+70)/3 = 66.67
    // 2026-03: window from 2025-04-01: c04 (bought 2024-12-01 before), c05, c06, c07 → 4, 1/4, (90+800+50+70)/4
    // 2026-04: c01 (2025-03-01 before), c02, c03, c04 (before), c05, c06, c07, c14 → 8, 2/8,
    //          (100+150+120+90+800+50+70+180)/8 = 195
    // 2026-05: + c09 40, c15 110 → 10, 2/10, 1710/10
    // 2026-06: the headline: 12, 7/12, 168.24
    expect(k.trend.map((p) => p.rollingCustomers)).toEqual([2, 2, 2, 2, 2, 1, 3, 3, 4, 8, 10, 12]);
    expect(k.trend.map((p) => p.returningRatio)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1 / 4, 2 / 8, 2 / 10, 7 / 12]);
    expect(k.trend.map((p) => p.aov)).toEqual([70, 70, 70, 70, 70, 80, 66.67, 66.67, 252.5, 195, 171, 168.24]);
  });

  it("agrees with the engine's per-customer facts", async () => {
    const k = await computeKpis(t.db, { asOf: AS_OF_DATE, periodDays: 30 });
    const ids = [...new Set([...fixtureOrders.map((o) => o.customer), ...fixtureCustomers.map((c) => c.id)])];
    const facts = new Map<string, CustomerFacts>(
      ids.map((id) => {
        const orders: OrderRecord[] = fixtureOrders
          .filter((o) => o.customer === id)
          .map((o) => ({ id: o.id, status: o.status, amount: o.amount, discount: 0, createdAt: o.createdAt, productIds: [] }));
        const stored = fixtureCustomers.find((c) => c.id === id)?.tier as TierId | null | undefined;
        return [
          id,
          computeCustomerFacts({ customer: { id, tier: stored }, orders, products: new Map(), settings: defaultShopSettings, population: null, asOf: AS_OF }),
        ];
      }),
    );
    const all = [...facts.values()];
    // The engine's RFM window is 365 days by default, the KPI's rolling window.
    const buyers = all.filter((f) => f.frequency > 0);
    expect(k.rollingCustomers).toBe(buyers.length);
    expect(k.returningRatio).toBe(buyers.filter((f) => f.orderCount > f.frequency || f.frequency >= 2).length / buyers.length);
    expect(k.aov).toBe(
      roundedQuotient(
        buyers.reduce((s, f) => s + toCents(f.monetary), 0),
        buyers.reduce((s, f) => s + f.frequency, 0),
      ) / 100,
    );
    const count = <T extends string>(values: T[]) => values.reduce<Record<string, number>>((m, v) => ({ ...m, [v]: (m[v] ?? 0) + 1 }), {});
    expect(k.distributions.stage).toEqual({ active: 0, silent: 0, sleeping: 0, lost: 0, none: 0, ...count(all.map((f) => f.lifecycleStage)) });
    // Customers with counted orders or a stored tier are in the tier distribution.
    const members = ids.filter((id) => facts.get(id)!.orderCount > 0 || fixtureCustomers.some((c) => c.id === id && c.tier));
    expect(k.distributions.tier).toEqual({ ordinary: 0, senior: 0, vip: 0, supreme: 0, ...count(members.map((id) => facts.get(id)!.tier)) });
  });

  it('has no RFM distribution without a facts snapshot, and reads it when there is one', async () => {
    let k = await computeKpis(t.db, { asOf: AS_OF_DATE, periodDays: 30 });
    expect(k.distributions.rfm).toEqual({});
    expect(k.distributions.snapshotAsOf).toBeNull();
    const at = '2026-06-29T16:00:00.000Z';
    // The snapshot derives segments from stored values with the shop's default ranges: a day since
    // the last order, ten orders and 3,000 yuan in the window is a champion; 100 days and three
    // orders is at risk; no order, no segment.
    await useDefaultRanges(t.db);
    const champion = { asOf: at, lastOrderAt: daysAgo(1, at), frequency: 10, monetaryCents: 300_000 };
    await insertFactRows(t.db, [
      { customerId: 'c01', ...champion },
      { customerId: 'c05', ...champion },
      { customerId: 'c06', asOf: at, lastOrderAt: daysAgo(100, at), frequency: 3 },
      { customerId: 'c11', asOf: at },
    ]);
    try {
      k = await computeKpis(t.db, { asOf: AS_OF_DATE, periodDays: 30 });
      expect(k.distributions.rfm).toEqual({ champions: 2, at_risk: 1 });
      expect(k.distributions.snapshotAsOf).toBe(at);
    } finally {
      await t.db.deleteFrom('customer_facts').execute();
    }
  });

  it("follows the shop's time zone and windows from the settings", async () => {
    await t.db
      .insertInto('settings')
      .values({ key: 'shop', value: json({ timezone: 'UTC', lifecycle: { activeDays: 30, silentDays: 60, sleepingDays: 120 } }), updated_at: new Date() })
      .execute();
    try {
      // Same instant as A, now read in UTC with 30/60/120-day windows. Days to A (06-30 UTC):
      // active ≤30: c01 20, c03 10, c05 5, c07 2, c10 30 (05-31 16:30 UTC), c13 18, c15 12 = 7
      // silent 31–60: c09 46 (05-15 16:30 UTC) = 1; sleeping 61–120: c02 75, c04 120, c14 90 = 3;
      // lost: c06 170, c08 = 2; none: c11, c12.
      const k = await computeKpis(t.db, { asOf: AS_OF, periodDays: 30 });
      expect(k.timezone).toBe('UTC');
      expect(k.windows).toEqual({ activeDays: 30, silentDays: 60, sleepingDays: 120 });
      expect(k.distributions.stage).toEqual({ active: 7, silent: 1, sleeping: 3, lost: 2, none: 2 });
      // Months are UTC months now: c10 bought in May.
      expect(k.trend.slice(-2).map((p) => p.buyers)).toEqual([3, 6]);
      // Days to S (05-31 UTC): ≤30: c09 16 ✗, c15 6 ✓; 31–60: c01 41 ✓, c02 45 ✗, c03 46 ✓, c14 60 ✗;
      // 61–120: c04 90 ✗, c05 91 ✓; over 120: c06 140 ✗, c07 141 ✓, c08 ✗, c13 ✓.
      expect(k.repurchaseCounts).toEqual({
        within45: { customers: 2, repurchased: 1 },
        d45to90: { customers: 4, repurchased: 2 },
        d90to140: { customers: 2, repurchased: 1 },
        over140: { customers: 4, repurchased: 2 },
      });
    } finally {
      await t.db.deleteFrom('settings').where('key', '=', 'shop').execute();
    }
  });
});
