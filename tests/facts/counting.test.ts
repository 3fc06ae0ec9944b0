import { beforeAll, describe, expect, it } from 'vitest';
import type { CustomerFacts } from '../../engine/index';
import { databaseKinds, type TestDatabase } from '../support/databases';
import { at, daysBefore, expectFacts, loadFixture, shopForSuite, type Shop } from './support';

// Counted orders, money, recency in the shop's calendar, customers without orders, the as-of moment.
// Shop zone: Asia/Shanghai (the default). asOf: 30 June 2026, 12:00 in Shanghai.
const asOf = new Date(at('2026-06-30', '12:00'));

const fixture = {
  customers: [{ id: 'alice' }, { id: 'bob' }, { id: 'carol' }, { id: 'dave' }, { id: 'erin' }],
  orders: [
    { id: 'a1', customer: 'alice', status: 'paid' as const, amount: 100, createdAt: at('2026-06-01') },
    { id: 'a2', customer: 'alice', status: 'shipped' as const, amount: 50, createdAt: at('2026-05-01') },
    { id: 'a3', customer: 'alice', status: 'delivered' as const, amount: 30.5, createdAt: at('2025-01-10') },
    // Not purchases: refunded, closed, and created but unpaid.
    { id: 'a4', customer: 'alice', status: 'refunded' as const, amount: 999, createdAt: at('2026-06-20') },
    { id: 'a5', customer: 'alice', status: 'closed' as const, amount: 500, createdAt: at('2026-06-21') },
    { id: 'a6', customer: 'alice', status: 'created' as const, amount: 70, createdAt: at('2026-06-29') },
    // 23:30 on 29 June in Shanghai (15:30 UTC): one calendar day before asOf.
    { id: 'b1', customer: 'bob', status: 'paid' as const, amount: 80, createdAt: at('2026-06-29', '23:30') },
    // 00:30 on 30 June in Shanghai is still 29 June in UTC: the same calendar day as asOf.
    { id: 'c1', customer: 'carol', status: 'paid' as const, amount: 120, createdAt: at('2026-06-30', '00:30') },
    // After asOf: not yet bought.
    { id: 'c2', customer: 'carol', status: 'paid' as const, amount: 1, createdAt: at('2026-06-30', '12:01') },
    { id: 'e1', customer: 'erin', status: 'refunded' as const, amount: 300, createdAt: at('2026-06-10') },
    { id: 'e2', customer: 'erin', status: 'closed' as const, amount: 20, createdAt: at('2026-06-11') },
    // A buyer without a profile row still has facts.
    { id: 'g1', customer: 'ghost', status: 'paid' as const, amount: 10, createdAt: at('2026-06-15') },
  ],
};

describe.each(databaseKinds)('counted orders and calendar days on %s', (kind) => {
  let t: TestDatabase;
  let shop: Shop;
  shopForSuite(kind, (opened) => ({ t, shop } = opened));
  beforeAll(async () => {
    await loadFixture(shop, fixture);
  });

  it('counts only paid, shipped and delivered orders up to asOf, with exact money', async () => {
    await expectFacts(shop, asOf, {
      alice: {
        orderCount: 3,
        totalSpend: 180.5,
        // The RFM window is the 365 days before asOf: a3 (10 Jan 2025) is outside it.
        frequency: 2,
        monetary: 150,
        firstOrderAt: '2025-01-10T02:00:00.000Z',
        lastOrderAt: '2026-06-01T02:00:00.000Z',
        recencyDays: 29,
        aov: 60.17,
        lifecycleStage: 'active',
        tier: 'senior', // three orders
      },
      carol: { orderCount: 1, totalSpend: 120, recencyDays: 0, lastOrderAt: '2026-06-29T16:30:00.000Z' },
      ghost: { orderCount: 1, totalSpend: 10, recencyDays: 15 },
    });
  });

  it('gives customers without counted orders stage none, no RFM and no average order value', async () => {
    const none: Partial<CustomerFacts> = {
      orderCount: 0,
      totalSpend: 0,
      frequency: 0,
      monetary: 0,
      recencyDays: null,
      firstOrderAt: null,
      lastOrderAt: null,
      aov: null,
      rfm: null,
      lifecycleStage: 'none',
      tier: 'ordinary',
      tags: [],
      daysToBirthday: null,
    };
    const stored = await expectFacts(shop, asOf, { dave: none, erin: none });
    expect(stored.get('dave')).toMatchObject(none);
  });

  it('counts whole calendar days in the shop zone: 23:30 the day before is 1 day, 00:30 the same day is 0', async () => {
    const stored = await expectFacts(shop, asOf, { bob: { recencyDays: 1 }, carol: { recencyDays: 0 } });
    expect(stored.get('bob')!.lastOrderAt).toBe('2026-06-29T15:30:00.000Z');
    // asOf a minute before and after midnight in Shanghai.
    await expectFacts(shop, new Date(at('2026-06-30', '23:59')), { bob: { recencyDays: 1 }, carol: { recencyDays: 0 } });
    await expectFacts(shop, new Date(at('2026-07-01', '00:01')), { bob: { recencyDays: 2 }, carol: { recencyDays: 1 } });
  });

  it('counts days in the zone the shop sets', async () => {
    await shop.settings.putShop({ timezone: 'UTC' });
    // In UTC bob bought on 29 June and carol too (16:30 UTC); asOf is 04:00 UTC on 30 June.
    await expectFacts(shop, asOf, { bob: { recencyDays: 1 }, carol: { recencyDays: 1 } });
    await shop.settings.putShop({});
  });

  it('ignores orders after an asOf in the past', async () => {
    await expectFacts(shop, new Date(at('2026-05-15')), {
      alice: { orderCount: 2, totalSpend: 80.5, frequency: 1, monetary: 50, lastOrderAt: '2026-05-01T02:00:00.000Z', recencyDays: 14 },
      bob: { orderCount: 0, lifecycleStage: 'none', rfm: null },
      carol: { orderCount: 0, lifecycleStage: 'none' },
    });
  });

  it('puts the window edges at 45, 90 and 140 days by default', async () => {
    const recencies = [0, 45, 46, 90, 91, 140, 141, 400];
    await loadFixture(shop, {
      orders: recencies.map((n) => ({
        id: `o${n}`,
        customer: `r${n}`,
        status: 'paid' as const,
        amount: 10,
        createdAt: at(daysBefore('2026-06-30', n), '09:00'),
      })),
    });
    const stages = ['active', 'active', 'silent', 'silent', 'sleeping', 'sleeping', 'lost', 'lost'];
    await expectFacts(shop, asOf, Object.fromEntries(recencies.map((n, i) => [`r${n}`, { recencyDays: n, lifecycleStage: stages[i] as never }])));
    await shop.settings.putShop({ lifecycle: { activeDays: 7, silentDays: 30, sleepingDays: 60 } });
    await expectFacts(shop, asOf, { r0: { lifecycleStage: 'active' }, r45: { lifecycleStage: 'sleeping' }, r91: { lifecycleStage: 'lost' } });
  });
});
