import { describe, expect, it } from 'vitest';
import { evaluateCondition } from '../../engine/index';

// Found by the fuzz suite: a customer fact named '' made json-rules-engine throw "factId required",
// which failed a simulation with a 500 (and would fail a journey's decision).
describe('a fact without a name', () => {
  it('is left out: the condition is evaluated on the other facts', async () => {
    expect(await evaluateCondition({ not: { any: [] } }, { '': 1, orderCount: 2 })).toBe(await evaluateCondition({ not: { any: [] } }, { orderCount: 2 }));
    expect(await evaluateCondition({ all: [{ fact: 'orderCount', operator: 'equal', value: 2 }] }, { '': 1, orderCount: 2 })).toBe(true);
  });
});
