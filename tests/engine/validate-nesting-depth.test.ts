import { describe, expect, it } from 'vitest';
import { createRegistry, MAX_JSON_DEPTH, tooDeepAt, validateJourney, type Condition } from '../../engine/index';
import { paymentReminderDocument } from './fixtures';

const leaf: Condition = { fact: 'event', path: '$.data.amount', operator: 'greaterThanInclusive', value: 500 };
function nested(levels: number, wrap: (c: Condition) => Condition): Condition {
  let c = leaf;
  for (let i = 0; i < levels; i++) c = wrap(c);
  return c;
}

describe('nesting depth', () => {
  it('a 1,000-level nested condition is a problem at the path where it gets too deep, not a stack overflow', () => {
    for (const wrap of [(c: Condition) => ({ all: [c] }), (c: Condition) => ({ not: c })]) {
      const doc = paymentReminderDocument();
      doc.nodes[3]!.config = { conditions: nested(1000, wrap) };
      const result = validateJourney(doc, createRegistry(), 'zh-CN');
      expect(result.ok).toBe(false);
      expect(result.problems).toHaveLength(1);
      const [problem] = result.problems;
      expect(problem!.path).toMatch(/^nodes\[3\]\.config\.conditions\.(all\[0\]|not)/);
      expect(problem!.message).toBe(`${problem!.path}：嵌套超过 ${MAX_JSON_DEPTH} 层；这么深的条件或数据不可能是有意的，请拆分或简化。`);
    }
  });

  it('a condition 25 groups deep is still fine', () => {
    const doc = paymentReminderDocument();
    doc.nodes[3]!.config = { conditions: nested(25, (c) => ({ all: [c] })) };
    expect(validateJourney(doc, createRegistry()).problems).toEqual([]);
  });

  it('tooDeepAt names the first container past the limit, in document order', () => {
    expect(tooDeepAt({ a: [1, { b: 2 }] }, 3)).toBeUndefined();
    expect(tooDeepAt({ a: [1, { b: [] }] }, 3)).toEqual(['a', 1, 'b']);
    expect(tooDeepAt({ a: [[[]]], z: [[[]]] }, 3)).toEqual(['a', 0, 0]);
    expect(tooDeepAt('text', 0)).toBeUndefined();
    // A million levels: measured without recursion.
    expect(tooDeepAt(JSON.parse('['.repeat(1_000_000) + ']'.repeat(1_000_000)))).toHaveLength(MAX_JSON_DEPTH);
  });
});
