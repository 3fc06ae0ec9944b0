import { describe, expect, it } from 'vitest';
import { domainOperators, evaluateCondition, operatorNames, type TopLevelCondition } from '../../engine/index';

const leaf = (fact: string, operator: string, value: unknown, path?: string): TopLevelCondition => ({
  all: [{ fact, operator, value, ...(path === undefined ? {} : { path }) }],
});

describe('domain operators', () => {
  it('are offered alongside the built-in operators', () => {
    expect(domainOperators.map((o) => o.name)).toEqual(['hasTag', 'hasAnyTag', 'tierAtLeast', 'includesText', 'dateBefore', 'dateOnOrAfter', 'exists']);
    expect(operatorNames).toEqual(expect.arrayContaining(['equal', 'contains', 'includesText', 'exists']));
  });

  it('includesText: a string fact containing a substring', async () => {
    const note = { note: '请下午六点后打电话' };
    expect(await evaluateCondition(leaf('note', 'includesText', '打电话'), note)).toBe(true);
    expect(await evaluateCondition(leaf('note', 'includesText', '短信'), note)).toBe(false);
    expect(await evaluateCondition(leaf('customer', 'includesText', '李', '$.name'), { customer: { name: '李雷' } })).toBe(true);
  });

  it('includesText is false on facts that are not strings', async () => {
    expect(await evaluateCondition(leaf('note', 'includesText', 'call'), { note: ['call'] })).toBe(false);
    expect(await evaluateCondition(leaf('note', 'includesText', '1'), { note: 123 })).toBe(false);
    expect(await evaluateCondition(leaf('note', 'includesText', 'x'), {})).toBe(false);
  });

  it('exists true: the fact has a value (null and undefined do not count)', async () => {
    expect(await evaluateCondition(leaf('email', 'exists', true), { email: 'li@example.com' })).toBe(true);
    expect(await evaluateCondition(leaf('email', 'exists', true), { email: '' })).toBe(true);
    expect(await evaluateCondition(leaf('email', 'exists', true), { email: null })).toBe(false);
    expect(await evaluateCondition(leaf('email', 'exists', true), {})).toBe(false);
  });

  it('exists false: the fact is absent', async () => {
    expect(await evaluateCondition(leaf('email', 'exists', false), {})).toBe(true);
    expect(await evaluateCondition(leaf('email', 'exists', false), { email: null })).toBe(true);
    expect(await evaluateCondition(leaf('email', 'exists', false), { email: 'li@example.com' })).toBe(false);
  });

  it('exists works through a path', async () => {
    const customer = { name: '李雷', phone: '13800000000' };
    expect(await evaluateCondition(leaf('customer', 'exists', true, '$.phone'), { customer })).toBe(true);
    expect(await evaluateCondition(leaf('customer', 'exists', true, '$.email'), { customer })).toBe(false);
    expect(await evaluateCondition(leaf('lastEvent', 'exists', false, '$.data'), { lastEvent: null })).toBe(true);
  });

  it('hasTag and hasAnyTag read the tags fact; no tags is "no"', async () => {
    const tags = { tags: ['油性肤质', '价格敏感'] };
    expect(await evaluateCondition(leaf('tags', 'hasTag', '油性肤质'), tags)).toBe(true);
    expect(await evaluateCondition(leaf('tags', 'hasTag', '干性肤质'), tags)).toBe(false);
    expect(await evaluateCondition(leaf('tags', 'hasTag', '油性肤质'), {})).toBe(false);
    expect(await evaluateCondition(leaf('tags', 'hasAnyTag', ['干性肤质', '价格敏感']), tags)).toBe(true);
    expect(await evaluateCondition(leaf('tags', 'hasAnyTag', ['干性肤质']), tags)).toBe(false);
  });

  it('tierAtLeast follows ordinary < senior < vip < supreme', async () => {
    expect(await evaluateCondition(leaf('tier', 'tierAtLeast', 'vip'), { tier: 'supreme' })).toBe(true);
    expect(await evaluateCondition(leaf('tier', 'tierAtLeast', 'vip'), { tier: 'vip' })).toBe(true);
    expect(await evaluateCondition(leaf('tier', 'tierAtLeast', 'vip'), { tier: 'senior' })).toBe(false);
    expect(await evaluateCondition(leaf('tier', 'tierAtLeast', 'gold'), { tier: 'supreme' })).toBe(false);
  });

  it('customer facts loaded with the profile become top-level facts of a decision', async () => {
    const { decisionFacts } = await import('../../engine/index');
    const facts = decisionFacts({
      event: { id: 'e', type: 'order.created', customerId: 'c', occurredAt: '2026-11-11T12:00:00Z', data: {} },
      customer: { id: 'c', facts: { tier: 'vip', lifecycleStage: 'active', tags: ['油性肤质'] } },
    });
    expect(
      await evaluateCondition(
        {
          all: [
            { fact: 'tier', operator: 'tierAtLeast', value: 'senior' },
            { fact: 'tags', operator: 'hasTag', value: '油性肤质' },
            { fact: 'lifecycleStage', operator: 'in', value: ['active', 'silent'] },
          ],
        },
        facts,
      ),
    ).toBe(true);
  });

  it('dateBefore / dateOnOrAfter compare instants, offsets included, and are false without a date', async () => {
    const last = { lastOrderAt: '2026-05-31T16:30:00.000Z' }; // 2026-06-01 00:30 in Shanghai
    expect(await evaluateCondition(leaf('lastOrderAt', 'dateOnOrAfter', '2026-06-01T00:00:00+08:00'), last)).toBe(true);
    expect(await evaluateCondition(leaf('lastOrderAt', 'dateBefore', '2026-06-01T00:00:00+08:00'), last)).toBe(false);
    expect(await evaluateCondition(leaf('lastOrderAt', 'dateBefore', '2026-06-02T00:00:00+08:00'), last)).toBe(true);
    expect(await evaluateCondition(leaf('lastOrderAt', 'dateOnOrAfter', '2026-06-01T00:00:00+08:00'), {})).toBe(false);
    expect(await evaluateCondition(leaf('lastOrderAt', 'dateBefore', 'someday'), last)).toBe(false);
  });
});
