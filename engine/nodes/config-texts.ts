import { z } from 'zod';
import type { Locale, NodeDefinition } from './define';
import { fieldTextOf, type FieldText } from './field';

type JsonSchema = Record<string, unknown>;

/** JSON Schemas of node configs, made once per schema: problem words read them on every validation. */
const schemas = new WeakMap<z.ZodType, JsonSchema>();

/** The JSON Schema of a node type's config, as the API serves it (with the fields' texts). */
export function configJsonSchema(definition: NodeDefinition): JsonSchema {
  let schema = schemas.get(definition.config);
  if (!schema) {
    schema = z.toJSONSchema(definition.config, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    schemas.set(definition.config, schema);
  }
  return schema;
}

/**
 * The texts in `locale` of the config field at `path` (e.g. `['branches', 0, 'label']`: list
 * indexes lead into the list's items), as the node's file declares them; undefined when the path
 * does not end at a field that declares texts (a header's name inside `headers`, a list item).
 */
export function configFieldText(definition: NodeDefinition, path: readonly (string | number)[], locale: Locale): FieldText | undefined {
  const root = configJsonSchema(definition);
  let here: JsonSchema | undefined = root;
  for (const step of path) {
    const properties = here.properties as Record<string, unknown> | undefined;
    const next: unknown = typeof step === 'string' ? properties?.[step] : here.items;
    here = resolve(next, root);
    if (!here) return undefined;
  }
  return path.length > 0 && here ? fieldTextOf(here, locale) : undefined;
}

/** A schema, or the one its `$ref` points to in `$defs`. */
function resolve(schema: unknown, root: JsonSchema): JsonSchema | undefined {
  if (typeof schema !== 'object' || schema === null) return undefined;
  const ref = (schema as { $ref?: unknown }).$ref;
  if (typeof ref === 'string' && ref.startsWith('#/$defs/')) {
    const target = (root.$defs as Record<string, unknown> | undefined)?.[ref.slice('#/$defs/'.length)];
    return typeof target === 'object' && target !== null ? { ...(target as JsonSchema), ...(schema as JsonSchema) } : undefined;
  }
  return schema as JsonSchema;
}

/**
 * The config fields of a node type that lack a title in either language, as paths
 * (`branches[].label`): every property, and the properties of a list's items. A step's file must
 * name each of its fields for a marketer in both languages (tests/engine/step-texts.test.ts).
 */
export function fieldsWithoutTexts(definition: NodeDefinition): string[] {
  const root = configJsonSchema(definition);
  const missing: string[] = [];
  const visit = (schema: JsonSchema | undefined, prefix: string) => {
    for (const [name, property] of Object.entries((schema?.properties as Record<string, unknown> | undefined) ?? {})) {
      const here = resolve(property, root);
      const path = `${prefix}${name}`;
      for (const locale of ['zh-CN', 'en'] as const) if (!fieldTextOf(here, locale)) missing.push(`${path} (${locale})`);
      const items = here?.type === 'array' ? resolve(here.items, root) : undefined;
      if (items?.type === 'object') visit(items, `${path}[].`);
    }
  };
  visit(root, '');
  return missing;
}
