import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { builtinNodes } from '../../engine/nodes/builtin/index';
import type { NodeDefinition } from '../../engine/index';

/** A plugin failed to load: the message names the plugin (its manifest entry) and the reason. */
export class PluginLoadError extends Error {
  override name = 'PluginLoadError';
}

const manifestSchema = z.object({
  plugins: z.array(z.string().min(1, 'must not be empty')),
});

export interface LoadedPlugin {
  /** The manifest entry, as written. */
  entry: string;
  definitions: NodeDefinition[];
}

/**
 * Reads the plugins manifest (JSON: `{ "plugins": ["./dingtalk-robot/index.ts", …] }`, paths
 * relative to the manifest) and imports each module. A module's default export is one node
 * definition (from `defineAction`) or a list of them — several versions of one type go in one
 * list. Anything wrong stops the start, naming the plugin and the reason: a journey must never
 * meet a half-installed step type at run time.
 *
 * `required`: the operator named this manifest (HUITOU_PLUGINS), so a missing file is an error;
 * the default manifest may be absent (no plugins).
 */
export async function loadPlugins(manifestPath: string, options: { required?: boolean } = {}): Promise<LoadedPlugin[]> {
  if (!existsSync(manifestPath)) {
    if (options.required) throw new PluginLoadError(`plugins manifest ${manifestPath} does not exist (HUITOU_PLUGINS)`);
    return [];
  }
  let manifest: z.infer<typeof manifestSchema>;
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(manifestPath, 'utf8')));
    if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.') || 'manifest'}: ${i.message}`).join('; '));
    manifest = parsed.data;
  } catch (e) {
    throw new PluginLoadError(`plugins manifest ${manifestPath} is not valid: ${(e as Error).message}`);
  }

  const builtinTypes = new Set(builtinNodes.map((d) => d.type));
  const seen = new Map<string, string>();
  const loaded: LoadedPlugin[] = [];
  for (const entry of manifest.plugins) {
    const fail = (reason: string): never => {
      throw new PluginLoadError(`plugin "${entry}" (in ${manifestPath}): ${reason}`);
    };
    if (!entry.startsWith('.') && !isAbsolute(entry)) fail('must be a path to a module, relative to the manifest (e.g. "./my-plugin/index.ts")');
    const file = resolve(dirname(manifestPath), entry);
    if (!existsSync(file)) fail(`module ${file} does not exist`);
    let exported: unknown;
    try {
      exported = ((await import(pathToFileURL(file).href)) as { default?: unknown }).default;
    } catch (e) {
      fail(`could not be imported: ${(e as Error).message}`);
    }
    if (exported === undefined) fail('has no default export; export the result of defineAction (or a list of them) as default');
    const definitions = Array.isArray(exported) ? exported : [exported];
    if (definitions.length === 0) fail('exports an empty list');
    for (const d of definitions) {
      const problem = definitionProblem(d);
      if (problem) fail(problem);
      const def = d as NodeDefinition;
      if (builtinTypes.has(def.type)) fail(`type "${def.type}" is a built-in step type; choose another name`);
      const key = `${def.type}@${def.version}`;
      const other = seen.get(key);
      if (other) fail(`type "${def.type}" version ${def.version} is also defined by plugin "${other}"`);
      seen.set(key, entry);
    }
    loaded.push({ entry, definitions: definitions as NodeDefinition[] });
  }
  return loaded;
}

/** Why `d` is not a usable action definition, or undefined. */
function definitionProblem(d: unknown): string | undefined {
  if (typeof d !== 'object' || d === null) return 'exports something that is not a node definition; use defineAction';
  const def = d as Partial<NodeDefinition>;
  if (typeof def.type !== 'string' || !def.type) return 'a definition has no type; use defineAction';
  if (!Number.isInteger(def.version) || (def.version as number) < 1) return `type "${def.type}": version must be a whole number from 1`;
  // The workflow bundle runs unknown types as actions only (their code stays in the worker).
  if (def.behaviour?.kind !== 'action' || typeof def.behaviour.run !== 'function') return `type "${def.type}": a plugin must be an action (use defineAction)`;
  if (typeof (def.config as { safeParse?: unknown } | undefined)?.safeParse !== 'function') return `type "${def.type}": configSchema must be a zod schema`;
  try {
    z.toJSONSchema(def.config as z.ZodType, { io: 'input', unrepresentable: 'any' });
  } catch (e) {
    return `type "${def.type}": configSchema cannot be turned into a form (JSON Schema): ${(e as Error).message}`;
  }
  return undefined;
}
