import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TopLevelCondition } from '../../engine/index';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases';
import { asOf, fixtureCustomers } from './fixture-customers';
import { engineVerdicts, seed, sqlVerdicts, storedRows } from './stored-audience';

/**
 * json-rules-engine's own condition cases (its docs/rules.md: operators, `path`, all/any/not,
 * allowUndefinedFacts; its tests: strict equal, contains only on arrays, numeric operators false on
 * non-numbers), and Huitou's operators (engine/rules/operators.ts), each decided in SQL over stored
 * customers and by the engine over the same rows: the customers each selects must be the same.
 */

/** Where a rule reads: the profile and its attributes, the facts document's facts, the broadcast event, facts no one has. */
const facts: { fact: string; path?: string }[] = [
  { fact: 'customer', path: '$.v' },
  { fact: 'customer', path: '$.name' },
  { fact: 'customer', path: '$.id' },
  { fact: 'customer', path: '$.v.a' },
  { fact: 'customer', path: '$.o.a.b' },
  { fact: 'customer' },
  { fact: 'customer', path: '$.facts.tags' },
  { fact: 'customer', path: '$.facts.rfm.segment' },
  { fact: 'orderCount' },
  { fact: 'orderCount', path: '$.x' },
  { fact: 'totalSpend' },
  { fact: 'recencyDays' },
  { fact: 'lifecycleStage' },
  { fact: 'lifecycleStage', path: '$.x' },
  { fact: 'tier' },
  { fact: 'tags' },
  { fact: 'tags', path: '$.x' },
  { fact: 'rfm', path: '$.segment' },
  { fact: 'rfm' },
  { fact: 'lastOrderAt' },
  { fact: 'event', path: '$.type' },
  { fact: 'event', path: '$.customerId' },
  { fact: 'event' },
  { fact: 'noSuchFact' },
];

/** Each operator with values of every JSON type, the documented ones first. */
const rules: [string, unknown[]][] = [
  ['equal', [5, '5', 'vip', 'active', 'c003', 180.5, 0.1, null, true, [5]]],
  ['notEqual', [5, 'vip', null]],
  ['in', [[5, 'vip', null], ['active', 'lost', '华东'], [true, 0], [], 'vip']],
  ['notIn', [[5, 'vip', null], [], 'vip']],
  ['contains', ['a', 5, null, true, ['a']]],
  ['doesNotContain', ['a', 5, ['a']]],
  ['lessThan', [5, 10.5, 1e308, '5']],
  ['lessThanInclusive', [5, 180.5]],
  ['greaterThan', [0, 2, -1e308, 1.7976931348623157e308]],
  ['greaterThanInclusive', [2.5, 0.1]],
  ['hasTag', ['a', 5]],
  ['hasAnyTag', [['a', 'b'], [], 'a']],
  ['tierAtLeast', ['vip', 'x']],
  ['includesText', ['ab', '', 5]],
  ['dateBefore', ['2026-06-01T00:00:00+08:00', '2026-06-01', 'x', '+010000-01-01T00:00:00Z']],
  ['dateOnOrAfter', ['2024-02-29T12:00:00.000Z', '-000001-01-01T00:00:00Z']],
  ['exists', [true, false]],
];

/** Rules the compiler refuses on purpose (the engine's meaning is not SQL's): a list operator without a list, a numeric one without a number. */
const refused = (operator: string, value: unknown) =>
  ((operator === 'in' || operator === 'notIn') && !Array.isArray(value)) || (/Than/.test(operator) && typeof value !== 'number');

/** Named cases from the docs: nesting, empty groups, undefined facts, what is not compiled. */
const named: { name: string; condition: unknown; compiles: boolean }[] = [
  {
    name: 'all holds when every rule does',
    condition: {
      all: [
        { fact: 'orderCount', operator: 'greaterThanInclusive', value: 2 },
        { fact: 'tier', operator: 'in', value: ['vip', 'supreme'] },
      ],
    },
    compiles: true,
  },
  {
    name: 'any holds when one rule does',
    condition: {
      any: [
        { fact: 'lifecycleStage', operator: 'equal', value: 'lost' },
        { fact: 'tags', operator: 'hasTag', value: 'a' },
      ],
    },
    compiles: true,
  },
  { name: 'not inverts', condition: { not: { fact: 'lifecycleStage', operator: 'equal', value: 'lost' } }, compiles: true },
  {
    name: 'nested: A and (B or (C and not D))',
    condition: {
      all: [
        { fact: 'orderCount', operator: 'greaterThan', value: 0 },
        {
          any: [
            { fact: 'tier', operator: 'tierAtLeast', value: 'vip' },
            { all: [{ fact: 'customer', path: '$.region', operator: 'equal', value: '华东' }, { not: { fact: 'tags', operator: 'contains', value: 'b' } }] },
          ],
        },
      ],
    },
    compiles: true,
  },
  { name: 'an empty all holds', condition: { all: [] }, compiles: true },
  { name: 'an empty any holds too (json-rules-engine evaluates no rules as true)', condition: { any: [] }, compiles: true },
  { name: 'not of an empty any holds for no one', condition: { not: { any: [] } }, compiles: true },
  {
    name: 'an undefined fact is simply undefined (allowUndefinedFacts)',
    condition: { all: [{ fact: 'noSuchFact', operator: 'notEqual', value: 1 }] },
    compiles: true,
  },
  {
    name: 'a rule of the event decided once for everyone',
    condition: {
      all: [
        { fact: 'event', path: '$.type', operator: 'equal', value: 'broadcast.due' },
        { fact: 'orderCount', operator: 'equal', value: 1 },
      ],
    },
    compiles: true,
  },
  {
    name: 'the number check of an object with its own toString throws',
    condition: { all: [{ fact: 'customer', path: '$.w', operator: 'lessThan', value: 5 }] },
    compiles: true,
  },
  {
    name: 'a value naming a fact is not compiled',
    condition: { all: [{ fact: 'orderCount', operator: 'equal', value: { fact: 'frequency' } }] },
    compiles: false,
  },
  { name: 'an operator decorator is not compiled', condition: { all: [{ fact: 'tags', operator: 'someFact:equal', value: 'a' }] }, compiles: false },
  { name: 'an unknown operator is not compiled (the engine throws)', condition: { all: [{ fact: 'tags', operator: 'sameAs', value: 'a' }] }, compiles: false },
  { name: 'recursive descent is not compiled', condition: { all: [{ fact: 'customer', path: '$..b', operator: 'equal', value: 'deep' }] }, compiles: false },
  { name: 'bracket members are not compiled', condition: { all: [{ fact: 'customer', path: "$['v']", operator: 'equal', value: 5 }] }, compiles: false },
  { name: 'a string length is not compiled', condition: { all: [{ fact: 'customer', path: '$.name.length', operator: 'equal', value: 2 }] }, compiles: false },
  { name: 'in against text searches it: not compiled', condition: { all: [{ fact: 'tier', operator: 'in', value: 'supreme vip' }] }, compiles: false },
];

describe.each(databaseKinds)('audiences in SQL agree with json-rules-engine on its own cases (%s)', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    await seed(t.db, fixtureCustomers(), asOf);
  });
  afterAll(() => t?.close());

  it('every operator, on every kind of stored value and fact', async () => {
    const mismatches: unknown[] = [];
    const rows = await storedRows(t.db);
    let compiled = 0;
    for (const at of facts) {
      for (const [operator, values] of rules) {
        for (const value of values) {
          const condition = { all: [{ ...at, operator, value }] } as TopLevelCondition;
          const inSql = await sqlVerdicts(t.db, condition, { limit: 1000, examineLimit: 1000 });
          // Rules on what is the same for every customer are decided by the engine at compile time, refusals included.
          const known = (at.fact === 'event' && at.path !== '$.customerId') || at.fact === 'lastEvent' || at.fact === 'orderAmount';
          if (inSql === null) {
            if (known || !refused(operator, value)) mismatches.push({ condition, problem: 'not compiled' });
            continue;
          }
          compiled++;
          const inEngine = await engineVerdicts(t.db, condition, undefined, rows);
          if (JSON.stringify(inSql) !== JSON.stringify(inEngine)) mismatches.push({ condition, sql: inSql, engine: inEngine });
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(compiled).toBeGreaterThan(1200);
  }, 600_000);

  it.each(named)('$name', async ({ condition, compiles }) => {
    const inSql = await sqlVerdicts(t.db, condition as TopLevelCondition);
    expect(inSql !== null).toBe(compiles);
    if (inSql !== null) expect(inSql).toEqual(await engineVerdicts(t.db, condition as TopLevelCondition));
  });
});
