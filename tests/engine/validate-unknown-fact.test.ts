import { describe, expect, it } from 'vitest';
import { createRegistry, validateJourney } from '../../engine/index';
import { located, paymentReminderDocument } from './fixtures';

const registry = createRegistry();

describe('validateJourney: unknown_fact', () => {
  it('reports a misspelt fact at nodes[i].config.conditions.all[k].fact', () => {
    const doc = paymentReminderDocument();
    doc.nodes[3]!.config = { conditions: { all: [{ fact: 'evnt', path: '$.data.amount', operator: 'greaterThanInclusive', value: 500 }] } };
    const result = validateJourney(doc, registry);
    expect(located(result.problems)).toEqual([{ code: 'unknown_fact', path: 'nodes[3].config.conditions.all[0].fact', nodeId: 'high-value' }]);
    expect(result.problems[0]?.message).toBe('"evnt" is not a known fact.');
  });

  it('finds unknown facts inside nested all / any / not', () => {
    const doc = paymentReminderDocument();
    doc.nodes[3]!.config = {
      conditions: {
        all: [
          {
            any: [
              { fact: 'customer', path: '$.region', operator: 'equal', value: '华东' },
              { fact: 'cart', operator: 'equal', value: 1 },
            ],
          },
          { not: { fact: 'wallet', operator: 'exists', value: true } },
        ],
      },
    };
    const result = validateJourney(doc, registry);
    expect(located(result.problems)).toEqual([
      { code: 'unknown_fact', path: 'nodes[3].config.conditions.all[0].any[1].fact', nodeId: 'high-value' },
      { code: 'unknown_fact', path: 'nodes[3].config.conditions.all[1].not.fact', nodeId: 'high-value' },
    ]);
  });

  it("checks the trigger's and the wait-for-event's optional conditions too", () => {
    const doc = paymentReminderDocument();
    doc.nodes[0]!.config = { ...doc.nodes[0]!.config, condition: { any: [{ fact: 'amount', operator: 'greaterThan', value: 100 }] } };
    doc.nodes[1]!.config = { ...doc.nodes[1]!.config, condition: { all: [{ fact: 'paidEvent', operator: 'exists', value: true }] } };
    const result = validateJourney(doc, registry);
    expect(located(result.problems)).toEqual([
      { code: 'unknown_fact', path: 'nodes[0].config.condition.any[0].fact', nodeId: 'trigger' },
      { code: 'unknown_fact', path: 'nodes[1].config.condition.all[0].fact', nodeId: 'await-payment' },
    ]);
  });
});
