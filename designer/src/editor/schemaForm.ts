import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import type { Locale } from '../../../engine/nodes/define';
import { fieldTextOf } from './fieldTexts';
import { widgetForFormat } from './inputs/formats';

/**
 * Turns a node type's configSchema (JSON Schema from zod) into what rjsf renders: the schema,
 * and a uiSchema that puts the condition builder on condition fields, titles fields in the
 * language chosen (the texts each field carries from its step's file, engine/nodes/field.ts) and
 * picks widgets (the friendly inputs by the field's `format`, see inputs/formats.ts). Generic over
 * node types, so a plugin's fields get a form too.
 */

type JsonSchema = Record<string, unknown>;

export function formSchema(configSchema: JsonSchema): RJSFSchema {
  // zod writes draft 2020-12; rjsf's default Ajv speaks draft-07 and refuses an unknown
  // `$schema`. Nothing else in these schemas differs between the two drafts ($defs included).
  const { $schema: _draft, ...rest } = configSchema;
  return rest as RJSFSchema;
}

/** A json-rules-engine condition: an `anyOf` whose branches are `{ all }`, `{ any }`, `{ not }`. */
export function isConditionSchema(schema: unknown): boolean {
  if (typeof schema !== 'object' || schema === null) return false;
  const anyOf = (schema as { anyOf?: unknown }).anyOf;
  if (!Array.isArray(anyOf)) return false;
  const keys = anyOf.map((b) => Object.keys(((b as { properties?: object }).properties ?? {}) as object).join(','));
  return keys.includes('all') && keys.includes('any');
}

/**
 * Any JSON value (zod's `z.json()`): a `$ref` to an `anyOf` of every JSON type. Edited as JSON text;
 * rjsf's own rendering would be a chooser over six types.
 */
export function isJsonValueSchema(schema: unknown, root: RJSFSchema): boolean {
  if (typeof schema !== 'object' || schema === null) return false;
  const ref = (schema as { $ref?: unknown }).$ref;
  const defs = (root as { $defs?: Record<string, unknown> }).$defs ?? {};
  const target = typeof ref === 'string' && ref.startsWith('#/$defs/') ? defs[ref.slice('#/$defs/'.length)] : schema;
  const anyOf = (target as { anyOf?: unknown } | undefined)?.anyOf;
  if (!Array.isArray(anyOf)) return false;
  const types = new Set(anyOf.map((b) => (b as { type?: unknown }).type));
  return ['string', 'number', 'boolean', 'null', 'array', 'object'].every((t) => types.has(t));
}

/**
 * The title, help and value names of a field in `locale`, as rjsf takes them; none where they
 * are the schema's own (English), which rjsf shows anyway.
 */
function textUi(prop: RJSFSchema, locale: Locale | undefined): UiSchema {
  const text = locale ? fieldTextOf(prop, locale) : undefined;
  const ui: UiSchema = {};
  if (text?.title && text.title !== prop.title) ui['ui:title'] = text.title;
  if (text?.description && text.description !== prop.description) ui['ui:description'] = text.description;
  if (text?.enum && Array.isArray(prop.enum)) ui['ui:enumNames'] = prop.enum.map((v) => text.enum?.[String(v)] ?? String(v));
  return ui;
}

export function formUiSchema(schema: RJSFSchema, locale?: Locale): UiSchema {
  const ui: UiSchema = {
    'ui:submitButtonOptions': { norender: true },
  };
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    if (typeof prop !== 'object') continue;
    const field: UiSchema = textUi(prop, locale);
    if (isConditionSchema(prop)) {
      field['ui:field'] = 'condition';
      // Otherwise rjsf renders its anyOf chooser (and our field again inside it) as well.
      field['ui:fieldReplacesAnyOrOneOf'] = true;
    } else if (isJsonValueSchema(prop, schema)) {
      field['ui:field'] = 'json';
      field['ui:fieldReplacesAnyOrOneOf'] = true;
    } else if (prop.format === 'sms-template') {
      field['ui:field'] = 'smsTemplate';
      field['ui:fieldReplacesAnyOrOneOf'] = true;
    } else if (widgetForFormat(prop)) field['ui:widget'] = widgetForFormat(prop);
    else if (prop.type === 'string' && typeof prop.maxLength === 'number' && prop.maxLength > 500) field['ui:widget'] = 'textarea';
    // Conditions inside the items of a list (a split's branches) get the condition builder too.
    const items = prop.type === 'array' ? prop.items : undefined;
    if (items && typeof items === 'object' && !Array.isArray(items)) {
      const itemUi: UiSchema = {};
      for (const [key, sub] of Object.entries((items as RJSFSchema).properties ?? {})) {
        if (typeof sub !== 'object') continue;
        const subUi = textUi(sub, locale);
        if (isConditionSchema(sub)) Object.assign(subUi, { 'ui:field': 'condition', 'ui:fieldReplacesAnyOrOneOf': true });
        if (Object.keys(subUi).length > 0) itemUi[key] = subUi;
      }
      if (Object.keys(itemUi).length > 0) field.items = itemUi;
    }
    ui[name] = field;
  }
  return ui;
}
