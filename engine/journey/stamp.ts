import type { NodeRegistry } from '../nodes/registry';
import type { Journey } from './schema';

/**
 * What publishing freezes into each node besides its config: the node type's version (the latest
 * installed) and, for actions that declare them, their activity options. A running customer then
 * executes exactly that version with those retries, whatever is installed later; and the workflow
 * bundle, which holds no plugin code, reads the options from the document. Unknown types are left
 * as they are for validation to report.
 */
export function stampForPublish(journey: Journey, registry: NodeRegistry): Journey {
  return {
    ...journey,
    nodes: journey.nodes.map(({ typeVersion: _version, activity: _activity, ...node }) => {
      const def = registry.get(node.type);
      if (!def) return node;
      return { ...node, typeVersion: def.version, ...(def.activity ? { activity: def.activity } : {}) };
    }),
  };
}
