import type { FactDefinition } from '../../../engine/facts/catalog';
import type { Locale } from '../../../engine/nodes/define';
import type { Rule } from './conditions';
import { describeCondition } from './condition-words';
import { formatDuration } from './duration';

export interface SummaryWords {
  locale: Locale;
  facts: readonly FactDefinition[];
  /** A short form of an operator, e.g. `≥` or `包含`. */
  operator(name: string): string;
  /** A label for an enum value of a config field of the node type `type`, e.g. channel `sms` → `短信`. */
  enumValue(field: string, value: string, type?: string): string;
  /** How rules are joined: "and" / "or". */
  joiner(mode: 'all' | 'any'): string;
}

/**
 * One line describing a step's config, for the node on the canvas: text and number values in
 * order (durations in words), conditions in plain words (condition-words.ts). Generic over node types, so plugin nodes get one too.
 */
export function summarizeConfig(config: Record<string, unknown>, words: SummaryWords, fieldOrder: readonly string[] = [], type?: string): string {
  const parts: string[] = [];
  // In the order the node type's schema lists its fields (a stored document may have re-sorted
  // its keys: PostgreSQL's jsonb puts `to` before `from`); fields it does not list come last.
  const rank = (field: string) => (fieldOrder.includes(field) ? fieldOrder.indexOf(field) : fieldOrder.length);
  const fields = Object.entries(config).sort(([a], [b]) => rank(a) - rank(b));
  for (const [field, value] of fields) {
    if (typeof value === 'string' && value.trim() !== '') parts.push(formatDuration(value, words.locale) ?? words.enumValue(field, value, type));
    else if (typeof value === 'number') parts.push(String(value));
    else if (isCondition(value) && !isEmptyGroup(value)) parts.push(describeCondition(value, words.facts, words.locale));
  }
  return parts.join(' · ');
}

/** A json-rules-engine condition at any nesting (conditions/condition-words.ts puts it in words). */
function isCondition(value: unknown): value is object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && ['all', 'any', 'not'].includes(keys[0]!);
}
const isEmptyGroup = (value: object) => Object.values(value).every((v) => Array.isArray(v) && v.length === 0);

export function ruleText(rule: Rule, words: SummaryWords): string {
  const fact = words.facts.find((f) => f.name === rule.fact);
  const path = fact?.paths?.find((p) => p.path === rule.path);
  const subject = path ? path.labels[words.locale] : fact ? fact.labels[words.locale] : rule.fact;
  if (rule.operator === 'exists') return `${subject} ${words.operator(rule.value === false ? 'notExists' : 'exists')}`;
  const value = Array.isArray(rule.value) ? rule.value.join(', ') : String(rule.value);
  return `${subject} ${words.operator(rule.operator)} ${value}`;
}
