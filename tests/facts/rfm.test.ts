import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { computePopulation } from '../../engine/index';
import { databaseKinds, type TestDatabase } from '../support/databases';
import { at, daysBefore, expectFacts, loadFixture, shopForSuite, type FixtureOrder, type Shop } from './support';

const today = '2026-06-30';
const asOf = new Date(at(today, '12:00'));
const bought = (id: string, customer: string, daysAgo: number, amount: number, products: string[] = []): FixtureOrder => ({
  id,
  customer,
  status: 'paid',
  amount,
  createdAt: at(daysBefore(today, daysAgo), '09:00'),
  products,
});

// Ten buyers, one order each: many equal recencies and amounts.
// recency sorted 5 5 5 5 5 10 10 20 30 40 → 20/40/60/80th percentile_disc: 5 5 10 20
// monetary sorted 100×6 200 200 300 300  → 100 100 100 200; frequency all 1 → 1 1 1 1
const ties: [string, number, number][] = [
  ['q1', 5, 100],
  ['q2', 5, 100],
  ['q3', 5, 100],
  ['q4', 5, 100],
  ['q5', 5, 300],
  ['q6', 10, 100],
  ['q7', 10, 200],
  ['q8', 20, 100],
  ['q9', 30, 200],
  ['q10', 40, 300],
];

const categories = {
  recencyDays: [30, 60, 90, 180],
  frequency: [1, 2, 3, 5],
  monetary: [100, 300, 800, 2000],
};
const rangesSettings = {
  rfm: {
    scoring: 'ranges',
    ranges: categories,
    byCategory: {
      家电: { recencyDays: [60, 120, 240, 365], frequency: [0, 1, 2, 3], monetary: [1000, 3000, 6000, 10000] },
      进口食品: { recencyDays: [7, 14, 30, 60], frequency: [2, 5, 8, 12], monetary: [50, 150, 300, 600] },
    },
  },
};
const products = [
  { id: 'tv', category: '家电' },
  { id: 'snack', category: '进口食品' },
  { id: 'mask', category: '护肤' },
];

describe.each(databaseKinds)('RFM on %s', (kind) => {
  let t: TestDatabase;
  let shop: Shop;
  shopForSuite(kind, (opened) => ({ t, shop } = opened));

  it('scores by quintiles: equal values share a score, boundaries are percentile_disc', async () => {
    await loadFixture(shop, { orders: ties.map(([c, days, amount]) => bought(`o-${c}`, c, days, amount)) });
    const r = (r: number, f: number, m: number, segment: string) => ({ rfm: { r, f, m, segment } as never });
    await expectFacts(shop, asOf, {
      q1: r(5, 1, 1, 'new'),
      q4: r(5, 1, 1, 'new'),
      q5: r(5, 1, 5, 'new'),
      q6: r(3, 1, 1, 'needs_attention'),
      q7: r(3, 1, 4, 'needs_attention'),
      q8: r(2, 1, 1, 'hibernating'),
      q9: r(1, 1, 4, 'hibernating'),
      q10: r(1, 1, 5, 'hibernating'),
    });
    const stored = await shop.settings.population();
    const expected = { rfmQuintiles: { recencyDays: [5, 5, 10, 20], frequency: [1, 1, 1, 1], monetary: [100, 100, 100, 200] }, lifecycleRatio: [5, 10, 30] };
    expect(stored?.population).toEqual(expected);
    expect(stored?.asOf).toBe(asOf.toISOString());
    // The engine's reference computation agrees.
    expect(computePopulation(ties.map(([, days, amount]) => ({ recencyDays: days, frequency: 1, monetary: amount })))).toEqual(expected);
  });

  it('takes the boundaries from percentile_disc for every count of buyers from 1 to 12', async () => {
    for (let n = 1; n <= 12; n++) {
      const values = Array.from({ length: n }, (_, i) => (i * 7) % 5);
      const { rows } = await sql<{ p: number[] }>`select percentile_disc(array[0.2, 0.3, 0.4, 0.6, 0.8, 0.9]::float8[]) within group (order by v) as p
        from unnest(${values}::int[]) as v`.execute(t.db);
      const engine = computePopulation(values.map((v) => ({ recencyDays: v, frequency: 1, monetary: v })));
      expect([engine.rfmQuintiles!.recencyDays, engine.lifecycleRatio], `n = ${n}`).toEqual([
        [rows[0]!.p[0], rows[0]!.p[2], rows[0]!.p[3], rows[0]!.p[4]],
        [rows[0]!.p[1], rows[0]!.p[3], rows[0]!.p[5]],
      ]);
    }
  });

  it('leaves RFM empty when nobody bought', async () => {
    await loadFixture(shop, { customers: [{ id: 'x' }] });
    await expectFacts(shop, asOf, { x: { rfm: null } });
    expect((await shop.settings.population())?.population).toEqual({ rfmQuintiles: null, lifecycleRatio: null });
  });

  it('scores by the fixed ranges of the main category, else the shop ranges', async () => {
    await loadFixture(shop, {
      settings: rangesSettings,
      products,
      orders: [
        // d1: a television 100 days ago — 家电 ranges.
        bought('d1-1', 'd1', 100, 4999, ['tv']),
        // d2: nine snack orders — 进口食品 ranges.
        ...Array.from({ length: 9 }, (_, i) => bought(`d2-${i}`, 'd2', 5 + i, 40, ['snack'])),
        // d3: 2000 on tv + snack, 30 on snacks: 进口食品 2030 beats 家电 2000.
        bought('d3-1', 'd3', 40, 2000, ['tv', 'snack']),
        bought('d3-2', 'd3', 20, 30, ['snack']),
        // d4: skin care has no ranges of its own: the shop's.
        bought('d4-1', 'd4', 10, 150, ['mask']),
        // d5: one order, 家电 and 进口食品 tie at 500: 家 (U+5BB6) comes before 进 (U+8FDB).
        bought('d5-1', 'd5', 10, 500, ['snack', 'tv']),
        // d6: bought outside the 365-day window: no main category, the shop's ranges.
        bought('d6-1', 'd6', 400, 3000, ['tv']),
        // An unknown product has no category.
        bought('d7-1', 'd7', 10, 150, ['no-such-product']),
      ],
    });
    const rfm = (r: number, f: number, m: number, segment: string) => ({ rfm: { r, f, m, segment } as never });
    await expectFacts(shop, asOf, {
      d1: rfm(4, 2, 3, 'potential'),
      d2: rfm(5, 4, 4, 'champions'),
      d3: rfm(3, 1, 5, 'needs_attention'),
      d4: rfm(5, 1, 2, 'new'),
      d5: rfm(5, 2, 1, 'potential'),
      d6: rfm(1, 1, 1, 'hibernating'),
      d7: rfm(5, 1, 2, 'new'),
    });
    // Without per-category ranges, d1 is scored by the shop's: recency 100 → 2, one order → 1, 4999 → 5.
    await shop.settings.putShop({ rfm: { scoring: 'ranges', ranges: categories } });
    // d2 by the shop's: recency 5 → 5, nine orders → 5, 360 → 3.
    await expectFacts(shop, asOf, { d1: rfm(2, 1, 5, 'hibernating'), d2: rfm(5, 5, 3, 'loyal') });
  });
});
