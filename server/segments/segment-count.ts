import { sql } from 'kysely';
import { atPath, decisionFacts, leaves, type TopLevelCondition } from '../../engine/index';
import { decideInEngine } from '../audience/select-audience-page';
import { storedCustomer, type StoredCustomerRow } from '../audience/stored-customer';
import { profileFields } from '../customers/customers';
import type { Db } from '../db/database';
import { engineMatchPages } from './engine-pages';
import { audienceFrom, segmentEvent, segmentSql } from './segment-audience';

/** A customer of a preview's sample: contacts (masked by role on the way out) and the facts the condition reads. */
export interface SampleCustomer {
  id: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  facts: Record<string, unknown>;
}

export const SAMPLE_SIZE = 10;

/**
 * How many customers match now, over the stored facts: one counting statement when the condition
 * compiles (rows SQL cannot decide are decided by the engine, as a broadcast's are), else the
 * engine over every stored customer.
 */
export async function countMatching(db: Db, condition: TopLevelCondition, asOf = new Date()): Promise<number> {
  const audience = await segmentSql(condition, asOf);
  if (!audience) {
    let count = 0;
    await engineMatchPages(db, condition, segmentEvent(asOf), async (ids) => {
      count += ids.length;
    });
    return count;
  }
  const { rows } = await sql<{ yes: string; unknown: string }>`select count(*) filter (where v) as yes, count(*) filter (where v is null) as unknown
    from (select ${audience.where} as v from ${audienceFrom(audience)}) s`.execute(db);
  let count = Number(rows[0]?.yes ?? 0);
  if (Number(rows[0]?.unknown ?? 0) > 0) {
    const undecided = await sql<{ id: string }>`select c.id from ${audienceFrom(audience)} where (${audience.where}) is null`.execute(db);
    count += (
      await decideInEngine(
        db,
        audience,
        undecided.rows.map((r) => r.id),
      )
    ).size;
  }
  return count;
}

/** The first matching customers in id order, at most SAMPLE_SIZE. */
export async function sampleMatching(db: Db, condition: TopLevelCondition, asOf = new Date()): Promise<SampleCustomer[]> {
  const audience = await segmentSql(condition, asOf);
  let ids: string[] = [];
  if (audience) {
    // Twice the sample, in case the engine says no to some SQL could not decide.
    const { rows } = await sql<{ id: string; v: boolean | null }>`select c.id, ${audience.where} as v from ${audienceFrom(audience)}
      where (${audience.where}) is not false order by c.id limit ${SAMPLE_SIZE * 2}`.execute(db);
    const undecided = await decideInEngine(
      db,
      audience,
      rows.filter((r) => r.v === null).map((r) => r.id),
    );
    ids = rows.filter((r) => r.v === true || undecided.has(r.id)).map((r) => r.id);
  } else {
    await engineMatchPages(db, condition, segmentEvent(asOf), async (page) => {
      ids.push(...page);
      return ids.length >= SAMPLE_SIZE;
    });
  }
  return sampleRows(db, condition, ids.slice(0, SAMPLE_SIZE), asOf);
}

/** The sampled customers with the facts the condition's rules read, by fact (and path: `customer.$.region`). */
async function sampleRows(db: Db, condition: TopLevelCondition, ids: string[], asOf: Date): Promise<SampleCustomer[]> {
  if (ids.length === 0) return [];
  const rows = (await db
    .selectFrom('customers as c')
    .leftJoin('customer_facts as f', 'f.customer_id', 'c.id')
    .select(['c.id', 'c.attributes', 'f.facts', ...profileFields.map((f) => `c.${f}` as const)])
    .where('c.id', 'in', ids)
    .orderBy('c.id')
    .execute()) as StoredCustomerRow[];
  const used = [...new Map(leaves(condition).map(({ leaf }) => [leaf.path ? `${leaf.fact}.${leaf.path}` : leaf.fact, leaf])).entries()];
  const event = segmentEvent(asOf);
  return rows.map((row) => {
    const known = decisionFacts({ event: event(row.id), customer: storedCustomer(row) });
    const facts: Record<string, unknown> = {};
    for (const [key, leaf] of used) {
      const path = leaf.path?.startsWith('$.') ? leaf.path.slice(2).split('.') : [];
      facts[key] = atPath(known[leaf.fact], path) ?? null;
    }
    return { id: row.id, name: row.name, phone: row.phone, email: row.email, facts };
  });
}
