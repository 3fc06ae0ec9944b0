import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRegistry, defineNode, NodeRegistry, type NodeDefinition } from '../../engine/index';

const noop = defineNode({
  type: 'noop',
  version: 1,
  category: 'flow',
  labels: { 'zh-CN': { title: '空步骤', description: '什么也不做。' }, en: { title: 'No-op', description: 'Does nothing.' } },
  config: z.object({}),
  ports: () => [],
  behaviour: { kind: 'exit' },
}) as NodeDefinition;

describe('NodeRegistry: one definition per type and version', () => {
  it('throws when the same type and version is registered twice; another version is installed beside it', () => {
    const registry = new NodeRegistry([noop]);
    expect(() => registry.register(noop)).toThrow('node type "noop" version 1 is already registered');
    expect(registry.list().filter((d) => d.type === 'noop')).toHaveLength(1);
    registry.register({ ...noop, version: 2 });
    expect(registry.list().filter((d) => d.type === 'noop')).toEqual([{ ...noop, version: 2 }]);
    expect(registry.versions('noop')).toEqual([1, 2]);
  });

  it('throws when an extra type reuses a built-in type name', () => {
    expect(() => createRegistry([{ ...noop, type: 'wait' }])).toThrow('node type "wait" version 1 is already registered');
  });

  it('require() throws on a type it does not know, get() answers undefined', () => {
    const registry = createRegistry();
    expect(registry.get('nope')).toBeUndefined();
    expect(() => registry.require('nope')).toThrow('unknown node type "nope"');
  });
});
