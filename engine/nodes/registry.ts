import { builtinChannels } from '../channels/builtin';
import { sortChannels, type ChannelDefinition } from '../channels/define';
import type { Locale, NodeCategory, NodeDefinition, NodeLabels } from './define';
import { builtinNodes } from './builtin/index';
import { configJsonSchema } from './config-texts';

/** What the designer's palette and forms need about a node type: plain JSON. */
export interface NodeTypeDescription {
  type: string;
  /** The latest version: what new steps are drawn and published with. */
  version: number;
  /** Every version installed, oldest first; journeys published earlier may still run older ones. */
  versions: number[];
  category: NodeCategory;
  labels: Record<Locale, NodeLabels>;
  /** The ports for the default config; nodes whose ports depend on config say so in `dynamicPorts`. */
  ports: string[];
  configSchema: Record<string, unknown>;
  defaultConfig: Record<string, unknown>;
  /** A palette icon, when the type declares one (plugins do). */
  icon?: string | undefined;
  /** The runtime primitive the type uses (`action`, `decide`, …). */
  behaviour: NodeDefinition['behaviour']['kind'];
}

/**
 * The node types one process knows. A type may be installed in several versions: journeys are
 * published with the version current then (stamped per node as `typeVersion`) and keep running
 * it after a newer one is installed, as long as the old definition stays installed.
 */
export class NodeRegistry {
  /** type → version → definition. */
  readonly #types = new Map<string, Map<number, NodeDefinition>>();
  /** key → channel: the built-ins, then those the registered steps bring (a plugin's). */
  readonly #channels = new Map<string, ChannelDefinition>(builtinChannels.map((c) => [c.key, c]));

  constructor(definitions: NodeDefinition[] = []) {
    for (const d of definitions) this.register(d);
  }

  register(definition: NodeDefinition): this {
    if (!Number.isInteger(definition.version) || definition.version < 1) {
      throw new Error(`node type "${definition.type}": version must be a whole number from 1, not ${String(definition.version)}`);
    }
    const versions = this.#types.get(definition.type) ?? new Map<number, NodeDefinition>();
    if (versions.has(definition.version)) throw new Error(`node type "${definition.type}" version ${definition.version} is already registered`);
    for (const channel of definition.channels ?? []) {
      const known = this.#channels.get(channel.key);
      // Two versions of a plugin bring the same channel; two different channels under one key would be named at random.
      if (known && known !== channel && JSON.stringify(known) !== JSON.stringify(channel)) {
        throw new Error(`node type "${definition.type}": channel "${channel.key}" is already registered with other labels`);
      }
      if (!known) this.#channels.set(channel.key, channel);
    }
    versions.set(definition.version, definition);
    this.#types.set(definition.type, versions);
    return this;
  }

  /** Every channel known, in their order: the built-ins and those plugins add (plain JSON, the API serves it). */
  channels(): ChannelDefinition[] {
    return sortChannels([...this.#channels.values()]);
  }

  /** The channel `key`, or undefined when neither Huitou nor a plugin registered it. */
  channel(key: string): ChannelDefinition | undefined {
    return this.#channels.get(key);
  }

  /** The definition of `type` at `version`, or its latest version when none is given. */
  get(type: string, version?: number): NodeDefinition | undefined {
    const versions = this.#types.get(type);
    if (!versions) return undefined;
    if (version !== undefined) return versions.get(version);
    return versions.get(Math.max(...versions.keys()));
  }

  /** Like get, for types validation has already checked. */
  require(type: string, version?: number): NodeDefinition {
    const d = this.get(type, version);
    if (!d) throw new Error(version === undefined ? `unknown node type "${type}"` : `node type "${type}" version ${version} is not installed`);
    return d;
  }

  /** The installed versions of `type`, oldest first (empty when unknown). */
  versions(type: string): number[] {
    return [...(this.#types.get(type)?.keys() ?? [])].sort((a, b) => a - b);
  }

  /** The latest version of every type. */
  list(): NodeDefinition[] {
    return [...this.#types.keys()].map((type) => this.get(type)!);
  }

  describe(): NodeTypeDescription[] {
    return this.list().map((d) => {
      // A plugin's config may have required fields (a webhook address): its default is then empty.
      const parsed = d.config.safeParse({});
      const defaultConfig = (parsed.success ? parsed.data : {}) as Record<string, unknown>;
      const ports = portsFor(d, defaultConfig);
      return {
        type: d.type,
        version: d.version,
        versions: this.versions(d.type),
        category: d.category,
        labels: d.labels,
        ports,
        // A copy: the schema is cached for problem words, and a caller may change what it is given.
        configSchema: structuredClone(configJsonSchema(d)),
        defaultConfig,
        ...(d.icon ? { icon: d.icon } : {}),
        behaviour: d.behaviour.kind,
      };
    });
  }
}

function portsFor(d: NodeDefinition, config: Record<string, unknown>): string[] {
  try {
    return d.ports(config);
  } catch {
    // Ports read from a config that has no usable default; the designer asks again once filled in.
    return [];
  }
}

/** A registry holding the built-in node types and `extra` ones (plugins). */
export function createRegistry(extra: NodeDefinition[] = []): NodeRegistry {
  return new NodeRegistry([...builtinNodes, ...extra]);
}
