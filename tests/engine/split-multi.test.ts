import { describe, expect, it } from 'vitest';
import { createRegistry, decisionFacts, Interpreter, journeySchema, validateJourney, type CustomerEvent } from '../../engine/index';
import { journeyDocument, located, type NodeInput } from './fixtures';

const registry = createRegistry();
const entry = (amount: number): CustomerEvent => ({
  id: 'e-1',
  type: 'order.created',
  customerId: 'c-1',
  occurredAt: '2026-11-11T12:00:00Z',
  data: { orderId: 'o-1', amount },
});

const branches = [
  { key: 'big', label: '大单', conditions: { all: [{ fact: 'event', path: '$.data.amount', operator: 'greaterThanInclusive', value: 1000 }] } },
  { key: 'mid', label: '中单', conditions: { all: [{ fact: 'event', path: '$.data.amount', operator: 'greaterThanInclusive', value: 200 }] } },
  // Also true for big orders: order decides.
  { key: 'any', label: '', conditions: { any: [{ fact: 'event', path: '$.data.amount', operator: 'greaterThan', value: 100 }] } },
];

function splitJourney(config: Record<string, unknown>, ports: string[], extraNodes: NodeInput[] = []) {
  const nodes: NodeInput[] = [{ id: 'start', type: 'trigger.event' }, { id: 'split', type: 'split.multi', config }, ...extraNodes];
  const edges: [string, string, string][] = [['start', 'next', 'split']];
  for (const port of ports) {
    nodes.push({ id: `end-${port}`, type: 'exit' });
    edges.push(['split', port, `end-${port}`]);
  }
  return journeyDocument(nodes, edges);
}

describe('split.multi: the first branch that holds, else else', () => {
  const doc = splitJourney({ branches }, ['big', 'mid', 'any', 'else']);
  const interpreter = new Interpreter(journeySchema.parse(doc), registry);
  const decide = (amount: number) => interpreter.decide(interpreter.enter(), decisionFacts({ event: entry(amount), customer: { id: 'c-1' } }));

  it('has one port per branch, in order, then else', () => {
    expect(registry.require('split.multi').ports(registry.require('split.multi').config.parse({ branches }))).toEqual(['big', 'mid', 'any', 'else']);
    expect(validateJourney(doc, registry).problems).toEqual([]);
  });

  it('checks the branches top to bottom', async () => {
    expect(await decide(5000)).toBe('big');
    expect(await decide(500)).toBe('mid');
    expect(await decide(150)).toBe('any');
    expect(await decide(50)).toBe('else');
  });

  it('labels the branch ports with their labels where given', () => {
    const def = registry.require('split.multi');
    expect(def.portLabels?.(def.config.parse({ branches }))).toEqual({ big: '大单', mid: '中单' });
  });

  it('reports unknown and unconnected ports against the branches the config names', () => {
    const result = validateJourney(splitJourney({ branches }, ['big', 'mid', 'other', 'else']), registry);
    expect(located(result.problems)).toEqual([
      { code: 'unknown_port', path: 'edges[3].port', nodeId: 'split' },
      { code: 'unconnected_port', path: 'nodes[1]', nodeId: 'split' },
    ]);
    expect(result.problems[1]?.message).toContain('"any"');
  });

  it('reports an unknown fact and operator at the branch they are in', () => {
    const bad = [
      branches[0],
      { ...branches[1], conditions: { all: [{ fact: 'shoeSize', operator: 'equal', value: 42 }] } },
      { ...branches[2], conditions: { any: [{ fact: 'event', path: '$.data.amount', operator: 'roughly', value: 100 }] } },
    ];
    const result = validateJourney(splitJourney({ branches: bad }, ['big', 'mid', 'any', 'else']), registry);
    expect(located(result.problems)).toEqual([
      { code: 'unknown_fact', path: 'nodes[1].config.branches[1].conditions.all[0].fact', nodeId: 'split' },
      { code: 'unknown_operator', path: 'nodes[1].config.branches[2].conditions.any[0].operator', nodeId: 'split' },
    ]);
  });

  it('refuses duplicate, reserved and malformed keys, naming the branch', () => {
    const twice = validateJourney(splitJourney({ branches: [branches[0], { ...branches[1], key: 'big' }] }, ['big', 'else']), registry);
    expect(located(twice.problems)).toContainEqual({ code: 'invalid_config', path: 'nodes[1].config.branches[1].key', nodeId: 'split' });
    expect(twice.problems.find((p) => p.code === 'invalid_config')?.message).toBe('key: the key "big" is used twice; keys must differ');
    const reserved = validateJourney(splitJourney({ branches: [{ ...branches[0], key: 'else' }] }, ['else']), registry);
    expect(located(reserved.problems)).toContainEqual({ code: 'invalid_config', path: 'nodes[1].config.branches[0].key', nodeId: 'split' });
    const upper = validateJourney(splitJourney({ branches: [{ ...branches[0], key: 'Big One' }] }, ['else']), registry);
    expect(located(upper.problems)).toContainEqual({ code: 'invalid_config', path: 'nodes[1].config.branches[0].key', nodeId: 'split' });
  });
});
