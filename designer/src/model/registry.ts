import { createRegistry } from '../../../engine/nodes/registry';

/**
 * The engine's own node registry, run in the browser: the designer validates with exactly the
 * checks the server applies on save and publish.
 */
export const registry = createRegistry();

/**
 * A step's output ports. They may depend on its config (e.g. one per split branch), so they come
 * from the node definition when its config parses, else from the API's description.
 */
export function portsOf(nodeType: string, config: Record<string, unknown>, described: readonly string[] = []): readonly string[] {
  const def = registry.get(nodeType);
  if (!def) return described;
  const parsed = def.config.safeParse(config);
  return parsed.success ? def.ports(parsed.data) : described;
}

/**
 * Labels a step's config gives its ports (a split's branch and arm labels, in whatever language
 * the marketer wrote them); empty when the type has none or the config does not parse.
 */
export function portLabelsOf(nodeType: string, config: Record<string, unknown>): Record<string, string> {
  const def = registry.get(nodeType);
  if (!def?.portLabels) return {};
  const parsed = def.config.safeParse(config);
  return parsed.success ? def.portLabels(parsed.data) : {};
}
