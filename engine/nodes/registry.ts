import { z } from 'zod';
import type { Locale, NodeCategory, NodeDefinition, NodeLabels } from './define';
import { builtinNodes } from './builtin/index';

/** What the designer's palette and forms need about a node type: plain JSON. */
export interface NodeTypeDescription {
  type: string;
  version: number;
  category: NodeCategory;
  labels: Record<Locale, NodeLabels>;
  /** The ports for the default config; nodes whose ports depend on config say so in `dynamicPorts`. */
  ports: string[];
  configSchema: Record<string, unknown>;
  defaultConfig: Record<string, unknown>;
}

export class NodeRegistry {
  readonly #types = new Map<string, NodeDefinition>();

  constructor(definitions: NodeDefinition[] = []) {
    for (const d of definitions) this.register(d);
  }

  register(definition: NodeDefinition): this {
    if (this.#types.has(definition.type)) throw new Error(`node type "${definition.type}" is already registered`);
    this.#types.set(definition.type, definition);
    return this;
  }

  get(type: string): NodeDefinition | undefined {
    return this.#types.get(type);
  }

  /** Like get, for types validation has already checked. */
  require(type: string): NodeDefinition {
    const d = this.#types.get(type);
    if (!d) throw new Error(`unknown node type "${type}"`);
    return d;
  }

  list(): NodeDefinition[] {
    return [...this.#types.values()];
  }

  describe(): NodeTypeDescription[] {
    return this.list().map((d) => {
      const defaultConfig = d.config.parse({}) as Record<string, unknown>;
      return {
        type: d.type,
        version: d.version,
        category: d.category,
        labels: d.labels,
        ports: d.ports(defaultConfig),
        configSchema: z.toJSONSchema(d.config, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
        defaultConfig,
      };
    });
  }
}

/** A registry holding the built-in node types. */
export function createRegistry(extra: NodeDefinition[] = []): NodeRegistry {
  return new NodeRegistry([...builtinNodes, ...extra]);
}
