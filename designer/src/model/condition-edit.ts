import type { FactDefinition } from '../../../engine/facts/catalog';
import type { Locale } from '../../../engine/nodes/define';
import { fromLocal, offsetAt, parseDate } from '../../../engine/time/zoned';
import type { RuleNode } from './condition-tree';
import { compared, type ValueKind } from './condition-words';

/**
 * What a rule's value becomes when its fact, path or operator changes. Kept apart from the
 * components so the rules of thumb are tested without a browser.
 */

/** Operators whose value is a list. */
export const takesList = (operator: string) => operator === 'in' || operator === 'notIn' || operator === 'hasAnyTag';

/**
 * The value a rule starts with. Numbers, texts and choices start empty rather than at a guess
 * (0, the first tier): validation names the empty value until the marketer picks one.
 */
export function initialValue(operator: string, kind: ValueKind): unknown {
  if (operator === 'exists') return true;
  if (takesList(operator)) return [];
  if (kind === 'boolean') return true;
  return '';
}

const kindOf = (facts: readonly FactDefinition[], rule: Pick<RuleNode, 'fact' | 'path'>) => compared(facts, rule.fact, rule.path, 'en' as Locale);

/** A fresh rule for a fact: its first path, the given operator when the fact allows it, an empty value. */
export function newRule(facts: readonly FactDefinition[], factName: string, keepOperator?: string): RuleNode {
  const fact = facts.find((f) => f.name === factName);
  const path = fact?.paths?.[0]?.path;
  const operators = fact?.operators ?? [];
  const operator = keepOperator && operators.includes(keepOperator) ? keepOperator : (operators[0] ?? 'equal');
  const c = kindOf(facts, { fact: factName, path });
  return { kind: 'rule', fact: factName, ...(path === undefined ? {} : { path }), operator, value: initialValue(operator, c.kind) };
}

/** A new path: the value stays when it compares the same kind of thing, else starts again. */
export function withPath(facts: readonly FactDefinition[], rule: RuleNode, path: string): RuleNode {
  const before = kindOf(facts, rule);
  const after = kindOf(facts, { fact: rule.fact, path });
  const same = before.kind === after.kind && before.choices === after.choices;
  return { ...rule, path, value: same ? rule.value : initialValue(rule.operator, after.kind) };
}

/** A new operator: a single value becomes a one-item list and back; other changes of kind start again. */
export function withOperator(facts: readonly FactDefinition[], rule: RuleNode, operator: string): RuleNode {
  const c = kindOf(facts, rule);
  const wasList = takesList(rule.operator);
  const isList = takesList(operator);
  let value: unknown;
  if (operator === 'exists' || rule.operator === 'exists') value = initialValue(operator, c.kind);
  else if (wasList === isList) value = rule.value;
  else if (isList) value = rule.value === '' || rule.value === undefined ? [] : [rule.value];
  else value = Array.isArray(rule.value) && rule.value.length > 0 ? rule.value[0] : initialValue(operator, c.kind);
  return { ...rule, operator, value };
}

/** Parses the text of a list value; numbers stay numbers for numeric values (json-rules-engine compares strictly). */
export function parseList(text: string, numeric: boolean): unknown[] {
  const items = text
    .split(/[,，、]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return numeric ? items.map(Number).filter((n) => Number.isFinite(n)) : items;
}

/** For a free event path: what the value is, so it can be typed as text, number or yes/no. */
export type FreeType = 'text' | 'number' | 'boolean';
export function freeTypeOf(value: unknown): FreeType {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'number' ? 'number' : typeof first === 'boolean' ? 'boolean' : 'text';
}

/** The value converted to another free type, as far as it goes ("12" → 12, 12 → "12"). */
export function convertFree(value: unknown, to: FreeType): unknown {
  const one = (v: unknown): unknown => {
    if (to === 'number') return typeof v === 'number' ? v : v === '' || v === undefined ? '' : Number.isFinite(Number(v)) ? Number(v) : '';
    if (to === 'boolean') return v === true || v === 'true';
    return v === undefined ? '' : String(v);
  };
  return Array.isArray(value) ? value.map(one).filter((v) => v !== '') : one(value);
}

/**
 * A picked day as a date value: its midnight on the shop's clock with the offset then in force
 * (2026-06-01 in Asia/Shanghai → 2026-06-01T00:00:00+08:00), so the engine compares instants
 * without a time zone and the day still reads as picked. '' when the day is not a date.
 */
export function dayToValue(day: string, timeZone: string): string {
  const date = parseDate(day);
  if (!date) return '';
  const ms = fromLocal({ ...date, hour: 0, minute: 0 }, timeZone);
  const offset = Math.round(offsetAt(ms, timeZone) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${day}T00:00:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The day a date value shows in the picker. */
export function valueToDay(value: unknown): string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : '';
}
