import { describe, expect, it } from 'vitest';
import { evaluateCondition, type TopLevelCondition } from '../../engine/index';

/** One leaf condition on `fact`, wrapped in `all`. */
const leaf = (fact: string, operator: string, value: unknown, path?: string): TopLevelCondition => ({
  all: [{ fact, operator, value, ...(path === undefined ? {} : { path }) }],
});

describe('evaluateCondition keeps json-rules-engine semantics', () => {
  it('equal is strict: "1" is not 1', async () => {
    expect(await evaluateCondition(leaf('n', 'equal', 1), { n: '1' })).toBe(false);
    expect(await evaluateCondition(leaf('n', 'equal', 1), { n: 1 })).toBe(true);
    expect(await evaluateCondition(leaf('n', 'notEqual', 1), { n: '1' })).toBe(true);
  });

  it('numeric operators are false on values that are not numbers', async () => {
    for (const value of ['abc', null, undefined, true, {}]) {
      expect(await evaluateCondition(leaf('n', 'greaterThan', 1), { n: value }), String(value)).toBe(false);
      expect(await evaluateCondition(leaf('n', 'lessThan', 1_000), { n: value }), String(value)).toBe(false);
      expect(await evaluateCondition(leaf('n', 'greaterThanInclusive', -1), { n: value }), String(value)).toBe(false);
    }
    expect(await evaluateCondition(leaf('n', 'greaterThan', 1), { n: 2 })).toBe(true);
    // As in json-rules-engine, a numeric string passes its number check.
    expect(await evaluateCondition(leaf('n', 'greaterThan', 1), { n: '600' })).toBe(true);
  });

  it('inclusive and exclusive bounds differ at the boundary', async () => {
    expect(await evaluateCondition(leaf('n', 'greaterThanInclusive', 500), { n: 500 })).toBe(true);
    expect(await evaluateCondition(leaf('n', 'greaterThan', 500), { n: 500 })).toBe(false);
    expect(await evaluateCondition(leaf('n', 'lessThanInclusive', 500), { n: 500 })).toBe(true);
    expect(await evaluateCondition(leaf('n', 'lessThan', 500), { n: 500 })).toBe(false);
  });

  it('contains and doesNotContain work on arrays only, not on strings', async () => {
    expect(await evaluateCondition(leaf('tags', 'contains', 'vip'), { tags: ['new', 'vip'] })).toBe(true);
    expect(await evaluateCondition(leaf('tags', 'contains', 'vip'), { tags: ['new'] })).toBe(false);
    expect(await evaluateCondition(leaf('tags', 'contains', 'vip'), { tags: 'vip customer' })).toBe(false);
    expect(await evaluateCondition(leaf('tags', 'doesNotContain', 'vip'), { tags: ['new'] })).toBe(true);
    expect(await evaluateCondition(leaf('tags', 'doesNotContain', 'x'), { tags: 'abc' })).toBe(false);
  });

  it('in and notIn test the fact against a list', async () => {
    expect(await evaluateCondition(leaf('region', 'in', ['华东', '华南']), { region: '华东' })).toBe(true);
    expect(await evaluateCondition(leaf('region', 'in', ['华东', '华南']), { region: '西北' })).toBe(false);
    expect(await evaluateCondition(leaf('region', 'notIn', ['华东', '华南']), { region: '西北' })).toBe(true);
  });

  it('reads an object fact by path ($.data.amount)', async () => {
    const event = { type: 'order.created', data: { orderId: 'o-1', amount: 500 } };
    expect(await evaluateCondition(leaf('event', 'greaterThanInclusive', 500, '$.data.amount'), { event })).toBe(true);
    expect(await evaluateCondition(leaf('event', 'greaterThanInclusive', 501, '$.data.amount'), { event })).toBe(false);
    expect(await evaluateCondition(leaf('event', 'equal', 'order.created', '$.type'), { event })).toBe(true);
  });

  it('a path into a null or absent object is "no", not an error', async () => {
    expect(await evaluateCondition(leaf('lastEvent', 'greaterThan', 0, '$.data.amount'), { lastEvent: null })).toBe(false);
    expect(await evaluateCondition(leaf('event', 'greaterThan', 0, '$.data.missing'), { event: { data: {} } })).toBe(false);
  });

  it('all needs every condition, any one of them, not negates', async () => {
    const facts = { a: 1, b: 2 };
    const yes = { fact: 'a', operator: 'equal', value: 1 };
    const no = { fact: 'b', operator: 'equal', value: 1 };
    expect(await evaluateCondition({ all: [yes, no] }, facts)).toBe(false);
    expect(await evaluateCondition({ all: [yes, yes] }, facts)).toBe(true);
    expect(await evaluateCondition({ any: [no, yes] }, facts)).toBe(true);
    expect(await evaluateCondition({ any: [no, no] }, facts)).toBe(false);
    expect(await evaluateCondition({ not: no }, facts)).toBe(true);
    expect(await evaluateCondition({ not: { any: [yes, no] } }, facts)).toBe(false);
    expect(await evaluateCondition({ all: [yes, { any: [no, { not: no }] }] }, facts)).toBe(true);
  });

  it('an undefined fact is "no", not an error', async () => {
    await expect(evaluateCondition(leaf('birthday', 'equal', '11-11'), {})).resolves.toBe(false);
    await expect(evaluateCondition(leaf('birthday', 'greaterThan', 0), {})).resolves.toBe(false);
    await expect(evaluateCondition({ not: { fact: 'birthday', operator: 'equal', value: '11-11' } }, {})).resolves.toBe(true);
  });
});
