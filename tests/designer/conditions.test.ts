import { describe, expect, it } from 'vitest';
import { factCatalog } from '../../engine/facts/catalog';
import { topLevelConditionSchema } from '../../engine/rules/conditions';
import { flatten, parseList, ruleFor, unflatten, valueType } from '../../designer/src/model/conditions';

const event = factCatalog.find((f) => f.name === 'event')!;
const orderAmount = factCatalog.find((f) => f.name === 'orderAmount')!;

describe('condition builder model', () => {
  it('edits the payment reminder condition and gives back json-rules-engine format', () => {
    const condition = { all: [{ fact: 'event', path: '$.data.amount', operator: 'greaterThanInclusive', value: 500 }] };
    const flat = flatten(condition)!;
    expect(flat).toEqual({ mode: 'all', rules: [{ fact: 'event', path: '$.data.amount', operator: 'greaterThanInclusive', value: 500 }] });
    expect(unflatten(flat)).toEqual(condition);
    expect(unflatten({ ...flat, mode: 'any' })).toEqual({ any: condition.all });
  });

  it('produces conditions the engine schema accepts, leaving out an empty path', () => {
    const out = unflatten({ mode: 'any', rules: [{ fact: 'orderAmount', path: '', operator: 'lessThan', value: 100 }] });
    expect(out).toEqual({ any: [{ fact: 'orderAmount', operator: 'lessThan', value: 100 }] });
    expect(topLevelConditionSchema.safeParse(out).success).toBe(true);
  });

  it('treats an absent condition as no rules, and refuses to flatten nesting it cannot show', () => {
    expect(flatten(undefined)).toEqual({ mode: 'all', rules: [] });
    expect(flatten({ not: { fact: 'orderAmount', operator: 'equal', value: 1 } })).toBeNull();
    expect(flatten({ all: [{ any: [{ fact: 'orderAmount', operator: 'equal', value: 1 }] }] })).toBeNull();
  });

  it('starts a rule with the fact’s first path and an operator the fact allows', () => {
    expect(ruleFor(event)).toEqual({ fact: 'event', path: '$.type', operator: 'equal', value: '' });
    expect(ruleFor(orderAmount, 'greaterThan')).toEqual({ fact: 'orderAmount', operator: 'greaterThan', value: 0 });
    // `includesText` is not a numeric operator: the fact's first one is used instead.
    expect(ruleFor(orderAmount, 'includesText').operator).toBe('equal');
  });

  it('knows which values are numbers, so they are stored as numbers', () => {
    expect(valueType(event, '$.data.amount')).toBe('number');
    expect(valueType(event, '$.type')).toBe('string');
    expect(valueType(orderAmount, undefined)).toBe('number');
    expect(parseList('1, 2，x, 30', 'number')).toEqual([1, 2, 30]);
    expect(parseList('上海, 北京 ,', 'string')).toEqual(['上海', '北京']);
  });
});
