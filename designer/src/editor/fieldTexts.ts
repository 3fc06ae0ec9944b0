import { fieldFactsKey, fieldTextOf, type FieldText } from '../../../engine/nodes/field';
import type { Locale } from '../../../engine/nodes/define';
import type { NodeTypeDescription } from '../../../engine/nodes/registry';

/**
 * A config field's texts, as the step's own file declares them (engine/nodes/field.ts): they
 * travel in the node type's JSON Schema, so a plugin's fields read the same as the built-ins'.
 */
export { fieldTextOf };

/** The texts in `locale` of the top-level config field `field` of the node type `type`, when declared. */
export function configFieldText(
  nodeTypes: Record<string, NodeTypeDescription>,
  type: string | undefined,
  field: string,
  locale: Locale,
): FieldText | undefined {
  if (!type) return undefined;
  const properties = (nodeTypes[type]?.configSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return fieldTextOf(properties?.[field], locale);
}

/** The facts a condition field may read, in order, when its node file limits them (a trigger's filter sees the event only). */
export function conditionFacts(schema: unknown): readonly string[] | undefined {
  const facts = typeof schema === 'object' && schema !== null ? (schema as Record<string, unknown>)[fieldFactsKey] : undefined;
  return Array.isArray(facts) && facts.every((f) => typeof f === 'string') ? (facts as string[]) : undefined;
}
