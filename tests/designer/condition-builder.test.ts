import { describe, expect, it } from 'vitest';
import { factCatalog } from '../../engine/facts/catalog';
import { evaluateCondition } from '../../engine/rules/evaluate';
import { topLevelConditionSchema } from '../../engine/rules/conditions';
import { groupDepth, readCondition, replaceItem, toggleNot, writeCondition, type GroupNode } from '../../designer/src/model/condition-tree';

// The condition the brief's customer wants: orderCount ≥ 2 and (tier in [vip, supreme] or tag 油性肤质).
const wanted = {
  all: [
    { fact: 'orderCount', operator: 'greaterThanInclusive', value: 2 },
    {
      any: [
        { fact: 'tier', operator: 'in', value: ['vip', 'supreme'] },
        { fact: 'tags', operator: 'hasTag', value: '油性肤质' },
      ],
    },
  ],
};

describe('condition builder tree: reads and writes json-rules-engine conditions exactly', () => {
  const shown = [
    wanted,
    { any: [] },
    { not: { fact: 'tags', operator: 'hasTag', value: '价格敏感' } },
    {
      not: {
        any: [
          { fact: 'lifecycleStage', operator: 'equal', value: 'lost' },
          { fact: 'recencyDays', operator: 'greaterThan', value: 90 },
        ],
      },
    },
    {
      all: [
        { fact: 'event', path: '$.data.channel', operator: 'equal', value: 'tmall', params: { note: 'kept' } },
        { not: { all: [{ any: [{ fact: 'orderAmount', operator: 'lessThan', value: 10 }] }] } },
      ],
    },
    { all: [{ fact: 'x-unknown', operator: 'weird', value: { deep: [1, null] } }] },
  ];
  for (const condition of shown) {
    it(`round-trips ${JSON.stringify(condition).slice(0, 70)}`, () => {
      const tree = readCondition(condition);
      expect(tree).not.toBeNull();
      const written = writeCondition(tree!);
      expect(written).toEqual(condition);
      // Key order too: what is saved reads the same as what was loaded.
      expect(JSON.stringify(written)).toBe(JSON.stringify(condition));
    });
  }

  it('hands to the JSON editor what it cannot show: deeper nesting, unknown keys, a leaf without value', () => {
    const fourDeep = { all: [{ any: [{ all: [{ any: [{ fact: 'orderCount', operator: 'equal', value: 1 }] }] }] }] };
    expect(topLevelConditionSchema.safeParse(fourDeep).success).toBe(true);
    expect(readCondition(fourDeep)).toBeNull();
    expect(readCondition({ all: [{ fact: 'orderCount', operator: 'equal', value: 1, priority: 2 }] })).toBeNull();
    expect(readCondition({ all: [{ fact: 'orderCount', operator: 'exists' }] })).toBeNull();
    expect(readCondition({ all: [], any: [] })).toBeNull();
    expect(readCondition({ fact: 'orderCount', operator: 'equal', value: 1 })).toBeNull();
    // Three levels are the builder's own limit and still shown.
    expect(readCondition({ all: [{ any: [{ all: [] }] }] })).not.toBeNull();
  });

  it('an absent condition is an empty "all", which json-rules-engine treats as true', async () => {
    const tree = readCondition(undefined)!;
    expect(tree).toEqual({ kind: 'group', mode: 'all', items: [] });
    expect(await evaluateCondition(writeCondition(tree), {})).toBe(true);
  });

  it('edits: replace, remove, wrap in not and unwrap, depth', async () => {
    const tree = readCondition(wanted) as GroupNode;
    expect(groupDepth(tree)).toBe(2);
    const inner = tree.items[1]!;
    const negated = replaceItem(tree, 1, toggleNot(inner));
    expect(writeCondition(negated)).toEqual({ all: [wanted.all[0], { not: wanted.all[1] }] });
    expect(writeCondition(replaceItem(negated, 1, toggleNot(negated.items[1]!)))).toEqual(wanted);
    expect(writeCondition(replaceItem(tree, 0, null))).toEqual({ all: [wanted.all[1]] });
    // What the builder writes decides customers the way the condition says.
    const facts = (orderCount: number, tier: string, tags: string[]) => ({ orderCount, tier, tags });
    const c = writeCondition(tree);
    expect(await evaluateCondition(c, facts(2, 'ordinary', ['油性肤质']))).toBe(true);
    expect(await evaluateCondition(c, facts(3, 'supreme', []))).toBe(true);
    expect(await evaluateCondition(c, facts(1, 'vip', ['油性肤质']))).toBe(false);
    expect(await evaluateCondition(c, facts(5, 'senior', ['干性肤质']))).toBe(false);
    expect(factCatalog.find((f) => f.name === 'tier')!.choices!.map((x) => x.value)).toEqual(['ordinary', 'senior', 'vip', 'supreme']);
  });
});
