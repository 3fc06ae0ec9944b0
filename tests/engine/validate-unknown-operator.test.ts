import { describe, expect, it } from 'vitest';
import { createRegistry, validateJourney } from '../../engine/index';
import { located, paymentReminderDocument } from './fixtures';

const registry = createRegistry();

describe('validateJourney: unknown_operator', () => {
  it('reports an operator the engine does not know at ….operator', () => {
    const doc = paymentReminderDocument();
    doc.nodes[3]!.config = { conditions: { all: [{ fact: 'orderAmount', operator: 'atLeast', value: 500 }] } };
    const result = validateJourney(doc, registry);
    expect(located(result.problems)).toEqual([{ code: 'unknown_operator', path: 'nodes[3].config.conditions.all[0].operator', nodeId: 'high-value' }]);
    expect(result.problems[0]?.message).toBe('"atLeast" is not a known operator.');
  });

  it('finds unknown operators inside nested all / any / not', () => {
    const doc = paymentReminderDocument();
    doc.nodes[3]!.config = {
      conditions: {
        all: [
          {
            any: [
              { fact: 'orderAmount', operator: 'greaterThan', value: 100 },
              { fact: 'customer', path: '$.name', operator: 'startsWith', value: '李' },
            ],
          },
          { not: { any: [{ fact: 'event', path: '$.type', operator: 'matches', value: 'order.*' }] } },
        ],
      },
    };
    const result = validateJourney(doc, registry);
    expect(located(result.problems)).toEqual([
      { code: 'unknown_operator', path: 'nodes[3].config.conditions.all[0].any[1].operator', nodeId: 'high-value' },
      { code: 'unknown_operator', path: 'nodes[3].config.conditions.all[1].not.any[0].operator', nodeId: 'high-value' },
    ]);
  });

  it('accepts the domain operators includesText and exists', () => {
    const doc = paymentReminderDocument();
    doc.nodes[3]!.config = {
      conditions: {
        any: [
          { fact: 'customer', path: '$.name', operator: 'includesText', value: '李' },
          { fact: 'orderAmount', operator: 'exists', value: true },
        ],
      },
    };
    expect(validateJourney(doc, registry).problems).toEqual([]);
  });
});
