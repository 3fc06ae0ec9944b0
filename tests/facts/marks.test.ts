import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/database';
import { clearMarks } from '../../server/facts/refresh-scope';
import { databaseKinds, type TestDatabase } from '../support/databases';
import { loadFixture, shopForSuite, type Shop } from './support';

// The marks of changed customers (migration 0009) are cleared at the end of each bulk refresh. A
// bulk import leaves one per customer; past a few thousand the refresh empties the table at once,
// but only when it holds exactly the marks the refresh read — a mark made or renewed since must stay.

const asOf = new Date('2026-06-30T16:00:00Z');
const members = 12_000;

/** Members m1…m12000, each with a paid order the day before asOf: one mark each. */
async function bulkLoad(db: Db): Promise<void> {
  await sql`insert into customers (id, attributes) select 'm' || i, '{}' from generate_series(1, ${members}::int) as i`.execute(db);
  await sql`insert into orders (id, customer_id, status, amount, created_at)
    select 'mo' || i, 'm' || i, 'paid', 10, ${new Date(asOf.getTime() - 86_400_000)}::timestamptz from generate_series(1, ${members}::int) as i`.execute(db);
}

const marked = async (db: Db) =>
  (await sql<{ customer_id: string }>`select customer_id from facts_dirty order by customer_id`.execute(db)).rows.map((r) => r.customer_id);

describe.each(databaseKinds)('clearing the marks of changed customers on %s', (kind) => {
  let t: TestDatabase;
  let shop: Shop;
  shopForSuite(kind, (opened) => ({ t, shop } = opened));

  it('clears a bulk load’s marks once the refresh answered for them', async () => {
    await loadFixture(shop, {});
    await sql`delete from facts_dirty`.execute(t.db);
    await bulkLoad(t.db);
    expect(await marked(t.db)).toHaveLength(members);
    const summary = await shop.facts.refreshAllSummary(asOf);
    expect(summary).toMatchObject({ mode: 'full', customers: members });
    expect(await marked(t.db)).toEqual([]);
  });

  it('keeps the marks made or renewed after the refresh read them', async () => {
    await loadFixture(shop, {});
    await sql`delete from facts_dirty`.execute(t.db);
    await bulkLoad(t.db);
    await t.db.transaction().execute(async (trx) => {
      // What a refresh reads first (planRefresh)…
      await sql`create temporary table fx_marks on commit drop as select customer_id, seq from facts_dirty`.execute(trx);
      await sql`create temporary table fx_input_marks on commit drop as select input, seq from facts_dirty_inputs`.execute(trx);
      // …then, before it clears them, one customer is marked again and one for the first time.
      await sql`update orders set status = 'refunded' where id = 'mo77'`.execute(trx);
      await sql`insert into orders (id, customer_id, status, amount, created_at) values ('late', 'late-buyer', 'paid', 5, ${asOf}::timestamptz)`.execute(trx);
      await clearMarks(trx);
    });
    expect(await marked(t.db)).toEqual(['late-buyer', 'm77']);
  });
});

describe('clearing many marks beside a writer on postgresql', () => {
  let t: TestDatabase;
  let shop: Shop;
  shopForSuite('postgresql', (opened) => ({ t, shop } = opened));

  it('clears row by row instead of waiting for a writer that holds the marks table', async () => {
    await loadFixture(shop, {});
    await bulkLoad(t.db);
    // A writer whose transaction marked a customer and stays open (as one waiting for this
    // refresh's facts rows would): emptying the table would have to wait for it.
    const { rows } = await sql<{ url: string }>`select current_database() as url`.execute(t.db);
    const url = new URL(process.env.HUITOU_TEST_DATABASE_URL!);
    url.pathname = `/${rows[0]!.url}`;
    const writer = new pg.Client(url.toString());
    await writer.connect();
    try {
      await writer.query('begin');
      await writer.query(`insert into orders (id, customer_id, status, amount, created_at) values ('open', 'open-buyer', 'paid', 5, now())`);
      const refreshed = shop.facts.refreshAllSummary(asOf);
      const stuck = new Promise((_, reject) => setTimeout(() => reject(new Error('the refresh waited for the writer')), 20_000));
      await expect(Promise.race([refreshed, stuck])).resolves.toMatchObject({ mode: 'full' });
      await writer.query('commit');
    } finally {
      await writer.end();
    }
    // The bulk load's marks are gone; the writer's, committed after the refresh read its marks, stays.
    expect(await marked(t.db)).toEqual(['open-buyer']);
  });
});
