import type { Db } from '../../server/db/database';
import { json } from '../../server/db/database';

/**
 * A small shop for the KPI board, in Asia/Shanghai (UTC+8, the default shop time zone). Every
 * order is placed at noon local time unless its comment says otherwise; the interesting ones sit
 * on a boundary. The board is read as of 2026-06-30 (the end of that day in Shanghai), with the
 * default 30-day period, so:
 *   asOf A        = 2026-06-30T23:59:59.999+08:00                       (local date 06-30)
 *   period start S = A − 30 days = 2026-05-31T23:59:59.999+08:00         (local date 05-31)
 *   rolling window = (A − 365 days, A] = local 2025-07-01 00:00 … A
 * Recency is counted in whole local calendar days, as the engine's recencyDays is.
 */
export const AS_OF_DATE = '2026-06-30';
export const AS_OF = '2026-06-30T15:59:59.999Z';

type Status = 'created' | 'paid' | 'shipped' | 'delivered' | 'closed' | 'refunded';
export interface FixtureOrder {
  id: string;
  customer: string;
  status: Status;
  amount: number;
  createdAt: string;
}

const noon = (date: string) => `${date}T12:00:00+08:00`;
const order = (id: string, customer: string, status: Status, amount: number, createdAt: string): FixtureOrder => ({ id, customer, status, amount, createdAt });

export const fixtureOrders: FixtureOrder[] = [
  // c01: bought before the window (2025-03-01) and twice in it; last purchase before S is 41 days.
  order('o01a', 'c01', 'delivered', 80, noon('2025-03-01')),
  order('o01b', 'c01', 'delivered', 100, noon('2026-04-20')),
  order('o01c', 'c01', 'paid', 200, noon('2026-06-10')),
  // c02: last purchase exactly 45 days before S; in the period only a refunded order.
  order('o02a', 'c02', 'paid', 150, noon('2026-04-16')),
  order('o02b', 'c02', 'refunded', 300, noon('2026-06-15')),
  // c03: 46 days before S; bought again in the period.
  order('o03a', 'c03', 'delivered', 120, noon('2026-04-15')),
  order('o03b', 'c03', 'shipped', 120, noon('2026-06-20')),
  // c04: exactly 90 days before S (and 120 before A); an unpaid and a closed order in the period.
  order('o04a', 'c04', 'delivered', 60, noon('2024-12-01')),
  order('o04b', 'c04', 'delivered', 90, noon('2026-03-02')),
  order('o04c', 'c04', 'created', 500, noon('2026-06-05')),
  order('o04d', 'c04', 'closed', 400, noon('2026-06-06')),
  // c05: 91 days before S; bought in the period; lifetime spend 1100 earns "senior".
  order('o05a', 'c05', 'paid', 800, noon('2026-03-01')),
  order('o05b', 'c05', 'paid', 300, noon('2026-06-25')),
  // c06: exactly 140 days before S; its next order is 30 minutes after A (07-01 00:30 local).
  order('o06a', 'c06', 'delivered', 50, noon('2026-01-11')),
  order('o06b', 'c06', 'paid', 500, '2026-07-01T00:30:00+08:00'),
  // c07: 141 days before S; bought in the period.
  order('o07a', 'c07', 'delivered', 70, noon('2026-01-10')),
  order('o07b', 'c07', 'paid', 130, noon('2026-06-28')),
  // c08: last bought in 2024: outside the rolling window.
  order('o08a', 'c08', 'delivered', 99, noon('2024-05-01')),
  // c09: 00:30 on 05-16 in Shanghai is still 05-15 in UTC: 45 days before A in Shanghai (active),
  // 46 in UTC (silent).
  order('o09a', 'c09', 'paid', 40, '2026-05-16T00:30:00+08:00'),
  // c10: first order 00:30 on 06-01 in Shanghai (05-31 in UTC): after S, a June buyer in Shanghai.
  order('o10a', 'c10', 'paid', 60, '2026-06-01T00:30:00+08:00'),
  // c11: only orders that never count: unpaid, refunded, closed.
  order('o11a', 'c11', 'created', 100, noon('2026-06-01')),
  order('o11b', 'c11', 'refunded', 200, noon('2026-05-01')),
  order('o11c', 'c11', 'closed', 50, noon('2026-04-01')),
  // c13: bought in 2023 (before the window) and in the period.
  order('o13a', 'c13', 'delivered', 500, noon('2023-01-01')),
  order('o13b', 'c13', 'paid', 250, noon('2026-06-12')),
  // c14: one order, exactly 90 days before A (and 60 before S).
  order('o14a', 'c14', 'delivered', 180, noon('2026-04-01')),
  // c15: 6 days before S, and again in the period.
  order('o15a', 'c15', 'paid', 110, noon('2026-05-25')),
  order('o15b', 'c15', 'paid', 90, noon('2026-06-18')),
];

/** Customers on file: c01 once reached VIP (stored tier), c11 never bought, c12 is a member with no orders. */
export const fixtureCustomers = [
  { id: 'c01', tier: 'vip' },
  { id: 'c11', tier: null },
  { id: 'c12', tier: 'senior' },
];

export async function insertFixture(db: Db): Promise<void> {
  await db
    .insertInto('customers')
    .values(fixtureCustomers.map((c) => ({ id: c.id, tier: c.tier, attributes: json({}), updated_at: new Date() })))
    .execute();
  await db
    .insertInto('orders')
    .values(
      fixtureOrders.map((o) => ({
        id: o.id,
        customer_id: o.customer,
        status: o.status,
        amount: o.amount,
        created_at: o.createdAt,
        paid_at: o.status === 'created' ? null : o.createdAt,
        attributes: json({}),
        updated_at: new Date(),
      })),
    )
    .execute();
}
