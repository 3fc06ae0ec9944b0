import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRegistry, defineNode, validateJourney, type NodeDefinition } from '../../engine/index';
import { journeyDocument, located, type NodeInput } from './fixtures';

/** A plugin node: splits customers into named branches; one output port per branch. */
const split = defineNode({
  type: 'shop.split',
  version: 1,
  category: 'decision',
  labels: {
    'zh-CN': { title: '分组', description: '把客户分到几个分支。' },
    en: { title: 'Split', description: 'Sends customers down one of several branches.' },
  },
  config: z.object({
    branches: z
      .array(z.string().regex(/^[a-z]+$/))
      .min(2, 'needs at least two branches')
      .default(['a', 'b']),
  }),
  ports: (c) => c.branches,
  behaviour: { kind: 'decide', decide: async (c) => c.branches[0] ?? 'a' },
}) as NodeDefinition;

const registry = createRegistry([split]);

function splitJourney(config: Record<string, unknown>, ports: string[]) {
  const nodes: NodeInput[] = [
    { id: 'start', type: 'trigger.event' },
    { id: 'split', type: 'shop.split', config },
  ];
  const edges: [string, string, string][] = [['start', 'next', 'split']];
  for (const port of ports) {
    nodes.push({ id: `end-${port}`, type: 'exit' });
    edges.push(['split', port, `end-${port}`]);
  }
  return journeyDocument(nodes, edges);
}

describe('a custom node registered with defineNode is validated like a built-in', () => {
  it('is described alongside the built-ins', () => {
    const d = registry.describe().find((x) => x.type === 'shop.split');
    expect(d?.ports).toEqual(['a', 'b']);
    expect(d?.defaultConfig).toEqual({ branches: ['a', 'b'] });
    expect(registry.describe()).toHaveLength(createRegistry().describe().length + 1);
  });

  it('accepts a journey that uses it correctly', () => {
    expect(validateJourney(splitJourney({ branches: ['a', 'b', 'c'] }, ['a', 'b', 'c']), registry).problems).toEqual([]);
  });

  it('is unknown to a registry it was not registered in', () => {
    const result = validateJourney(splitJourney({}, ['a', 'b']), createRegistry());
    expect(located(result.problems)).toEqual([{ code: 'unknown_node_type', path: 'nodes[1].type', nodeId: 'split' }]);
  });

  it('checks its config against its own schema', () => {
    const result = validateJourney(splitJourney({ branches: ['only'] }, []), registry);
    expect(located(result.problems)).toEqual([{ code: 'invalid_config', path: 'nodes[1].config.branches', nodeId: 'split' }]);
    expect(result.problems[0]?.message).toBe('branches: needs at least two branches');
  });

  it('uses its config-dependent ports for unknown and unconnected ports', () => {
    const result = validateJourney(splitJourney({ branches: ['a', 'b'] }, ['a', 'c']), registry);
    expect(located(result.problems)).toEqual([
      { code: 'unknown_port', path: 'edges[2].port', nodeId: 'split' },
      { code: 'unconnected_port', path: 'nodes[1]', nodeId: 'split' },
    ]);
    expect(result.problems[1]?.message).toContain('"b"');
  });
});
