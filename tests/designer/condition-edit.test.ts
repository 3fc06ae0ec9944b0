import { describe, expect, it } from 'vitest';
import { factCatalog } from '../../engine/facts/catalog';
import { convertFree, dayToValue, freeTypeOf, newRule, parseList, valueToDay, withOperator, withPath } from '../../designer/src/model/condition-edit';

describe('condition builder edits', () => {
  it('starts a rule on the fact’s first path and an allowed operator, with an empty value to fill', () => {
    expect(newRule(factCatalog, 'event')).toEqual({ kind: 'rule', fact: 'event', path: '$.type', operator: 'equal', value: '' });
    expect(newRule(factCatalog, 'orderCount', 'greaterThan')).toEqual({ kind: 'rule', fact: 'orderCount', operator: 'greaterThan', value: '' });
    // `includesText` is not a numeric operator: the fact's first one is used instead.
    expect(newRule(factCatalog, 'orderCount', 'includesText').operator).toBe('equal');
    expect(newRule(factCatalog, 'tags')).toMatchObject({ operator: 'hasTag', value: '' });
    expect(newRule(factCatalog, 'tier', 'in')).toMatchObject({ operator: 'in', value: [] });
    expect(newRule(factCatalog, 'lastOrderAt')).toMatchObject({ operator: 'dateOnOrAfter', value: '' });
    expect(newRule(factCatalog, 'lastOrderAt', 'exists')).toMatchObject({ operator: 'exists', value: true });
  });

  it('keeps a value across operators of the same kind and wraps or unwraps a single one for lists', () => {
    const tier = { kind: 'rule' as const, fact: 'tier', operator: 'equal', value: 'vip' };
    expect(withOperator(factCatalog, tier, 'notEqual').value).toBe('vip');
    const list = withOperator(factCatalog, tier, 'in');
    expect(list.value).toEqual(['vip']);
    expect(withOperator(factCatalog, list, 'equal').value).toBe('vip');
    expect(withOperator(factCatalog, { ...tier, value: '' }, 'in').value).toEqual([]);
    expect(withOperator(factCatalog, tier, 'exists').value).toBe(true);
    expect(withOperator(factCatalog, { ...tier, operator: 'exists', value: false }, 'equal').value).toBe('');
  });

  it('starts the value again when a new path compares another kind of thing', () => {
    const amount = { kind: 'rule' as const, fact: 'event', path: '$.data.amount', operator: 'greaterThan', value: 500 };
    expect(withPath(factCatalog, amount, '$.type').value).toBe('');
    expect(withPath(factCatalog, { ...amount, path: '$.data.x' }, '$.data.y').value).toBe(500);
    expect(withPath(factCatalog, { kind: 'rule', fact: 'rfm', path: '$.r', operator: 'equal', value: 3 }, '$.f').value).toBe(3);
  });

  it('types free event values and reads lists', () => {
    expect(freeTypeOf(12)).toBe('number');
    expect(freeTypeOf([true])).toBe('boolean');
    expect(freeTypeOf('x')).toBe('text');
    expect(convertFree('12', 'number')).toBe(12);
    expect(convertFree('abc', 'number')).toBe('');
    expect(convertFree(12, 'text')).toBe('12');
    expect(convertFree(['1', 'x', '3'], 'number')).toEqual([1, 3]);
    expect(convertFree('true', 'boolean')).toBe(true);
    expect(parseList('1, 2，x、30', true)).toEqual([1, 2, 30]);
    expect(parseList('上海, 北京 ,', false)).toEqual(['上海', '北京']);
  });

  it('writes a picked day as its midnight on the journey’s clock, with the offset then in force', () => {
    expect(dayToValue('2026-06-01', 'Asia/Shanghai')).toBe('2026-06-01T00:00:00+08:00');
    expect(dayToValue('2026-01-15', 'America/New_York')).toBe('2026-01-15T00:00:00-05:00');
    expect(dayToValue('2026-07-01', 'America/New_York')).toBe('2026-07-01T00:00:00-04:00');
    expect(dayToValue('2026-07-01', 'Asia/Kolkata')).toBe('2026-07-01T00:00:00+05:30');
    expect(dayToValue('', 'Asia/Shanghai')).toBe('');
    expect(valueToDay('2026-06-01T00:00:00+08:00')).toBe('2026-06-01');
    expect(valueToDay(3)).toBe('');
  });
});
