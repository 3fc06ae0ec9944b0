import { describe, expect, it } from 'vitest';
import { createRegistry, validateJourney } from '../../engine/index';
import { findFact } from '../../engine/facts/catalog';
import { valueProblem } from '../../engine/rules/value-check';
import { located, paymentReminderDocument } from './fixtures';

const registry = createRegistry();
const fact = (name: string) => findFact(name)!;

describe('condition values that json-rules-engine would silently treat as "no"', () => {
  it('names each bad value at ….value, in the marketer’s language', () => {
    const doc = paymentReminderDocument();
    doc.nodes[3]!.config = {
      conditions: {
        all: [
          { fact: 'orderCount', operator: 'greaterThanInclusive', value: '' },
          {
            any: [
              { fact: 'tier', operator: 'in', value: ['vip', 'svip'] },
              { fact: 'tags', operator: 'hasTag', value: '  ' },
            ],
          },
          { not: { fact: 'lifecycleStage', operator: 'greaterThan', value: 3 } },
        ],
      },
    };
    const result = validateJourney(doc, registry, 'zh-CN');
    expect(located(result.problems)).toEqual([
      { code: 'invalid_condition_value', path: 'nodes[3].config.conditions.all[0].value', nodeId: 'high-value' },
      { code: 'invalid_condition_value', path: 'nodes[3].config.conditions.all[1].any[0].value', nodeId: 'high-value' },
      { code: 'invalid_condition_value', path: 'nodes[3].config.conditions.all[1].any[1].value', nodeId: 'high-value' },
      { code: 'invalid_condition_value', path: 'nodes[3].config.conditions.all[2].not.operator', nodeId: 'high-value' },
    ]);
    expect(result.problems.map((p) => p.message)).toEqual([
      '“累计购买次数”：请填写数字。',
      '“会员等级”：请从 普通会员、高级会员、VIP会员、至尊VIP会员 中选择。',
      '“标签”：值不能为空。',
      '“生命周期阶段”不能使用比较方式“greaterThan”，请换一个。',
    ]);
  });

  it('accepts well-formed values, tags no customer carries yet included', () => {
    const doc = paymentReminderDocument();
    doc.nodes[3]!.config = {
      conditions: {
        all: [
          { fact: 'orderCount', operator: 'greaterThanInclusive', value: 2 },
          { fact: 'tier', operator: 'in', value: ['vip', 'supreme'] },
          { fact: 'tags', operator: 'hasTag', value: '一个还没有人有的标签' },
          { fact: 'event', path: '$.data.channel', operator: 'equal', value: 'tmall' },
          { fact: 'rfm', path: '$.segment', operator: 'equal', value: 'champions' },
          { fact: 'lastOrderAt', operator: 'exists', value: false },
        ],
      },
    };
    expect(validateJourney(doc, registry).problems).toEqual([]);
  });

  it('checks each operator’s kind of value', () => {
    expect(valueProblem({ fact: 'totalSpend', operator: 'lessThan', value: Number.NaN }, fact('totalSpend'))).toBe('number');
    expect(valueProblem({ fact: 'totalSpend', operator: 'equal', value: 300 }, fact('totalSpend'))).toBeNull();
    expect(valueProblem({ fact: 'tags', operator: 'hasAnyTag', value: [] }, fact('tags'))).toBe('list');
    expect(valueProblem({ fact: 'tags', operator: 'hasAnyTag', value: ['a', ''] }, fact('tags'))).toBe('text');
    expect(valueProblem({ fact: 'tier', operator: 'tierAtLeast', value: 'gold' }, fact('tier'))).toBe('choice');
    expect(valueProblem({ fact: 'tier', operator: 'tierAtLeast', value: 'vip' }, fact('tier'))).toBeNull();
    expect(valueProblem({ fact: 'firstOrderAt', operator: 'exists', value: 'yes' }, fact('firstOrderAt'))).toBe('yesNo');
    expect(valueProblem({ fact: 'firstOrderAt', operator: 'dateBefore', value: '' }, fact('firstOrderAt'))).toBe('date');
    expect(valueProblem({ fact: 'firstOrderAt', operator: 'dateBefore', value: '2026-06-01T00:00:00+08:00' }, fact('firstOrderAt'))).toBeNull();
    expect(valueProblem({ fact: 'event', path: '$.data.amount', operator: 'greaterThan', value: '500' }, fact('event'))).toBe('number');
    expect(valueProblem({ fact: 'event', path: '$.data.amount', operator: 'in', value: [1, 2] }, fact('event'))).toBeNull();
    expect(valueProblem({ fact: 'event', path: '$.data.vip', operator: 'equal', value: true }, fact('event'))).toBeNull();
    expect(valueProblem({ fact: 'customer', path: '$.region', operator: 'includesText', value: '' }, fact('customer'))).toBe('text');
  });

  it('checks the journey’s own conditions too: exit criteria and the goal', () => {
    const doc = paymentReminderDocument();
    doc.settings = {
      ...(doc.settings as object),
      exitWhen: [
        { eventType: 'order.paid', sameOrder: true, condition: { all: [{ fact: 'lastEvent', path: '$.data.amount', operator: 'greaterThan', value: '' }] } },
      ],
      goal: { eventType: 'order.paid', within: 'P7D', condition: { any: [{ fact: 'orderAmount', operator: 'atLeast', value: 1 }] } },
    };
    const result = validateJourney(doc, registry);
    expect(located(result.problems)).toEqual([
      { code: 'invalid_condition_value', path: 'settings.exitWhen[0].condition.all[0].value' },
      { code: 'unknown_operator', path: 'settings.goal.condition.any[0].operator' },
    ]);
    expect(result.problems[0]!.message).toBe('Last awaited event · Order amount: enter a number.');
  });
});
