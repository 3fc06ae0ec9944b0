import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TopLevelCondition } from '../../engine/index';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases';
import { FUZZ_TOTAL } from '../fuzz/runs';
import { attributeValues, asOf } from './fixture-customers';
import { engineVerdicts, seed, sqlVerdicts, type SeedCustomer } from './stored-audience';

/**
 * A generated corpus: fact sets (customers with generated attributes, profile fields and facts
 * rows) and conditions over them (all/any/not to depth 3, every operator, values of every JSON
 * type); for each, the customers SQL selects are the ones json-rules-engine selects. Runs per
 * database: 2 % of HUITOU_FUZZ_CASES (2,000 in `npm test`, 100,000 in `npm run fuzz`), at least 20.
 */
const RUNS = Math.max(20, Math.round(FUZZ_TOTAL * 0.02));
const seedValue = process.env.HUITOU_FUZZ_SEED;

const keys = ['v', 'w', 'name', 'region'];
/** JSON values as stored text: the fixture's tricky ones and arbitrary small JSON. */
const storedJson = fc.oneof(
  fc.constantFrom(...attributeValues),
  fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
  fc.constantFrom('"a"', '"b"', '"vip"', '"华东"', '3', '7.5', '["a","c"]'),
);
const text = fc.constantFrom('a', 'b', 'ab', 'vip', '华东', '5', '', '2026-06-01T00:00:00.000Z');

const customer = (i: number): fc.Arbitrary<SeedCustomer> =>
  fc
    .record({
      attributes: fc.dictionary(fc.constantFrom(...keys), storedJson, { maxKeys: 3 }),
      name: fc.option(text),
      region: fc.option(text),
      facts: fc.option(
        fc.record({
          orderCount: fc.nat(12),
          totalCents: fc.oneof(fc.nat(1_000_000), fc.constantFrom(18050, 30, 10)),
          frequency: fc.nat(6),
          monetaryCents: fc.nat(500_000),
          lastDays: fc.option(fc.nat(400)),
          tier: fc.constantFrom('ordinary', 'senior', 'vip', 'supreme'),
          tags: fc.uniqueArray(fc.constantFrom('a', 'b', 'ab', 'vip', '油性肤质'), { maxLength: 3 }),
          birthdayMd: fc.option(fc.constantFrom('02-29', '11-11', '11-10', '12-31')),
          ownAsOf: fc.boolean(),
        }),
      ),
    })
    .map((g) => {
      const day = (d: number) => new Date(Date.parse(asOf) - d * 86_400_000).toISOString();
      const last = g.facts?.lastDays ?? null;
      return {
        id: `g${String(i).padStart(2, '0')}`,
        fields: { name: g.name, region: g.region },
        attributes: `{${Object.entries(g.attributes)
          .map(([k, v]) => `${JSON.stringify(k)}:${v}`)
          .join(',')}}`,
        ...(g.facts
          ? {
              facts: {
                orderCount: g.facts.orderCount,
                totalCents: g.facts.totalCents,
                frequency: g.facts.frequency,
                monetaryCents: g.facts.monetaryCents,
                firstAt: last === null ? null : day(last + 10),
                lastAt: last === null ? null : day(last),
                tier: g.facts.tier,
                tags: g.facts.tags,
                birthdayMd: g.facts.birthdayMd,
                zone: null,
                asOf: g.facts.ownAsOf ? day(1) : null,
              },
            }
          : {}),
      };
    });
const customers = fc.tuple(...Array.from({ length: 12 }, (_, i) => customer(i)));

const at = fc.constantFrom<{ fact: string; path?: string }>(
  ...keys.map((k) => ({ fact: 'customer', path: `$.${k}` })),
  { fact: 'customer', path: '$.v.a' },
  { fact: 'customer', path: '$.facts.tags' },
  { fact: 'customer' },
  ...[
    'orderCount',
    'totalSpend',
    'monetary',
    'frequency',
    'aov',
    'recencyDays',
    'lifecycleStage',
    'tier',
    'tags',
    'firstOrderAt',
    'lastOrderAt',
    'daysToBirthday',
    'noSuchFact',
  ].map((fact) => ({ fact })),
  { fact: 'rfm', path: '$.segment' },
  { fact: 'rfm', path: '$.m' },
  { fact: 'event', path: '$.customerId' },
  { fact: 'event', path: '$.type' },
);
const operator = fc.constantFrom(
  'equal',
  'notEqual',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'hasTag',
  'hasAnyTag',
  'tierAtLeast',
  'includesText',
  'dateBefore',
  'dateOnOrAfter',
  'exists',
);
const ruleValue = fc.oneof(
  fc.integer({ min: -5, max: 20 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  text,
  fc.constantFrom('active', 'lost', 'vip', 'g03', 'champions', null, true, false),
  fc.array(fc.oneof(text, fc.integer({ min: -2, max: 12 }), fc.constantFrom(null, true, 'active', 'vip')), { maxLength: 4 }),
  fc.jsonValue({ maxDepth: 1 }),
);
const leaf = fc.tuple(at, operator, ruleValue).map(([a, op, value]) => ({ ...a, operator: op, value }));
const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ all: fc.array(tie('tree'), { maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('tree'), { maxLength: 3 }) }),
    fc.record({ not: tie('tree') }),
  ),
}));
const condition = fc.oneof(
  fc.record({ all: fc.array(tree, { minLength: 1, maxLength: 3 }) }),
  fc.record({ any: fc.array(tree, { maxLength: 3 }) }),
  fc.record({ not: tree }),
) as fc.Arbitrary<TopLevelCondition>;

describe.each(databaseKinds)('a generated corpus of audiences and customers (%s)', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
  });
  afterAll(() => t?.close());

  it('SQL selects exactly the customers json-rules-engine does', async () => {
    let compiled = 0;
    await fc.assert(
      fc.asyncProperty(customers, fc.array(condition, { minLength: 4, maxLength: 4 }), async (stored, conditions) => {
        await sql`delete from customer_fact_rows`.execute(t.db);
        await sql`delete from customers`.execute(t.db);
        await seed(t.db, stored, asOf);
        for (const c of conditions) {
          const inSql = await sqlVerdicts(t.db, c, { limit: 2, examineLimit: 5 });
          if (inSql === null) continue;
          compiled++;
          expect({ condition: c, verdicts: inSql }).toEqual({ condition: c, verdicts: await engineVerdicts(t.db, c) });
        }
      }),
      { numRuns: RUNS, ...(seedValue ? { seed: Number(seedValue) } : {}), endOnFailure: true },
    );
    // Most generated conditions compile (those that do not are the ones the compiler refuses on purpose).
    expect(compiled).toBeGreaterThan(RUNS);
  }, 600_000);
});
