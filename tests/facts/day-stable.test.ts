import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { databaseKinds, type TestDatabase } from '../support/databases';
import { storedUnlikeDerived } from '../support/fact-rows';
import { at, daysBefore, loadFixture, shopForSuite, snapshot, type FixtureOrder, type Shop } from './support';

// The snapshot stores only what does not move with the day; recency, stage, RFM and days to
// birthday are derived when read (migration 0008-day-stable-facts). So the next day's refresh rewrites
// only the rows whose stored values changed, while every buyer's derived facts still move a day.

const today = '2026-06-30';
const asOf = new Date(at(today, '12:00'));
const nextDay = new Date(asOf.getTime() + 86_400_000);
const bought = (id: string, customer: string, daysAgo: number, amount: number): FixtureOrder => ({
  id,
  customer,
  status: 'paid',
  amount,
  createdAt: at(daysBefore(today, daysAgo), '09:00'),
});

async function writtenAt(t: TestDatabase): Promise<Map<string, string>> {
  const { rows } = await sql<{
    customer_id: string;
    computed_at: Date;
    as_of: Date | null;
  }>`select customer_id, computed_at, as_of from customer_fact_rows`.execute(t.db);
  return new Map(rows.map((r) => [r.customer_id, `${new Date(r.computed_at).toISOString()} ${r.as_of === null ? '-' : new Date(r.as_of).toISOString()}`]));
}

describe.each(databaseKinds)('the day-stable snapshot on %s', (kind) => {
  let t: TestDatabase;
  let shop: Shop;
  shopForSuite(kind, (opened) => ({ t, shop } = opened));

  it("moves every buyer's derived facts a day but rewrites only the rows whose orders changed", async () => {
    await loadFixture(shop, {
      settings: { rfm: { scoring: 'ranges' } },
      customers: [
        { id: 'edge', birthday: '07-01' },
        { id: 'steady', birthday: '1990-06-30', timezone: 'America/New_York' },
        { id: 'buyer' },
        { id: 'never', birthday: '02-29' },
      ],
      // edge: 45 days since the last order today (active), 46 tomorrow (silent).
      orders: [bought('e1', 'edge', 45, 120), bought('s1', 'steady', 10, 80), bought('s2', 'steady', 300, 90), bought('b1', 'buyer', 60, 50)],
    });
    await shop.facts.refreshAll(asOf);
    const before = await writtenAt(t);
    const first = await snapshot(t.db);
    expect(first.get('edge')).toMatchObject({ recencyDays: 45, lifecycleStage: 'active', daysToBirthday: 1, rfm: { r: 4 } });

    // A new order for `buyer` before the next day's refresh.
    await t.db
      .insertInto('orders')
      .values({
        id: 'b2',
        customer_id: 'buyer',
        status: 'paid',
        amount: 30,
        discount: 0,
        created_at: at(today, '18:00'),
        product_ids: [],
        attributes: '{}',
        updated_at: new Date(),
      })
      .execute();
    const changes = await shop.facts.refreshAll(nextDay);
    const after = await writtenAt(t);
    // Only buyer's row was written; the others kept the first refresh's rows.
    expect([...after].filter(([id, stamp]) => before.get(id) !== stamp).map(([id]) => id)).toEqual(['buyer']);
    // The stage change is still found, from the derived stages of the two days.
    expect(changes.filter((c) => c.kind === 'stage_changed').sort((a, b) => a.customerId.localeCompare(b.customerId))).toEqual([
      { customerId: 'buyer', kind: 'stage_changed', from: 'silent', to: 'active' },
      { customerId: 'edge', kind: 'stage_changed', from: 'active', to: 'silent' },
    ]);
    // And every stored document is what the per-customer path computes for the next day.
    const second = await snapshot(t.db);
    expect(second.get('edge')).toMatchObject({ recencyDays: 46, lifecycleStage: 'silent', daysToBirthday: 0, rfm: { r: 4 } });
    expect(second.get('never')).toMatchObject({ recencyDays: null, lifecycleStage: 'none', daysToBirthday: 242 });
    for (const [id, { row, ...facts }] of second) {
      expect({ id, ...facts }, `facts of ${id}`).toEqual({ id, ...(await shop.facts.forCustomer(id, nextDay))?.facts });
      expect(row).toEqual({ stage: facts.lifecycleStage, tier: facts.tier, rfm_segment: facts.rfm?.segment ?? null, tags: facts.tags });
    }
  });

  it('keeps a per-customer refresh as of its own moment, even before any bulk refresh, until the next bulk refresh', async () => {
    await loadFixture(shop, {
      settings: { timezone: 'UTC', lifecycle: { activeDays: 10, silentDays: 20, sleepingDays: 30 } },
      customers: [{ id: 'solo' }, { id: 'other' }],
      orders: [bought('o1', 'solo', 15, 60), bought('o2', 'other', 5, 60)],
    });
    await sql`update facts_snapshot set as_of = null, timezone = 'Asia/Shanghai', stage_bounds = array[45, 90, 140]`.execute(t.db);
    // Before any bulk refresh the view takes the shop's settings from the per-customer refresh.
    expect(await shop.facts.refreshCustomer('solo', asOf)).toEqual([{ customerId: 'solo', kind: 'stage_changed', from: null, to: 'silent' }]);
    let stored = await snapshot(t.db);
    expect(stored.get('solo')).toEqual({ ...(await shop.facts.forCustomer('solo', asOf))!.facts, row: expect.anything() });
    expect(stored.get('solo')?.lifecycleStage).toBe('silent');
    // The stored stage follows the view, whose parameters the refresh just changed.
    expect(await storedUnlikeDerived(t.db)).toEqual([]);

    await shop.facts.refreshAll(asOf);
    // A per-customer refresh a day later: that row is as of its moment, the others as of the snapshot's.
    await shop.facts.refreshCustomer('solo', nextDay);
    stored = await snapshot(t.db);
    expect(stored.get('solo')?.recencyDays).toBe(16);
    expect(stored.get('other')?.recencyDays).toBe(5);
    expect(await storedUnlikeDerived(t.db)).toEqual([]);
    const { rows } = await sql<{ as_of: Date }>`select as_of from customer_facts where customer_id = 'solo'`.execute(t.db);
    expect(new Date(rows[0]!.as_of).toISOString()).toBe(nextDay.toISOString());
    // The next bulk refresh takes the row back into the snapshot.
    await shop.facts.refreshAll(nextDay);
    const { rows: own } = await sql<{ as_of: Date | null }>`select as_of from customer_fact_rows where customer_id = 'solo'`.execute(t.db);
    expect(own[0]!.as_of).toBeNull();
    stored = await snapshot(t.db);
    expect(stored.get('other')?.recencyDays).toBe(6);
  });
});
