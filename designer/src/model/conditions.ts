import type { FactDefinition, FactType } from '../../../engine/facts/catalog';
import type { LeafCondition, TopLevelCondition } from '../../../engine/rules/conditions';

/**
 * The condition builder edits one flat list of rules joined by "all" or "any". Conditions
 * written by hand with nesting or `not` are shown read-only rather than silently flattened.
 */
export type Mode = 'all' | 'any';

export interface Rule {
  fact: string;
  path?: string | undefined;
  operator: string;
  value: unknown;
}

export interface FlatCondition {
  mode: Mode;
  rules: Rule[];
}

function isRule(c: unknown): c is LeafCondition {
  return typeof c === 'object' && c !== null && 'fact' in c;
}

/** The builder's view of a condition, or null when it is nested beyond what the builder edits. */
export function flatten(condition: unknown): FlatCondition | null {
  if (condition === undefined || condition === null) return { mode: 'all', rules: [] };
  if (typeof condition !== 'object') return null;
  const c = condition as Partial<Record<'all' | 'any' | 'not', unknown>>;
  const mode: Mode | undefined = Array.isArray(c.all) ? 'all' : Array.isArray(c.any) ? 'any' : undefined;
  if (!mode) return null;
  const list = c[mode] as unknown[];
  if (!list.every(isRule)) return null;
  return {
    mode,
    rules: list.map((l) => ({ fact: l.fact, operator: l.operator, value: l.value, ...(l.path === undefined ? {} : { path: l.path }) })),
  };
}

/** json-rules-engine format: `{ all: [{ fact, path, operator, value }] }`. */
export function unflatten({ mode, rules }: FlatCondition): TopLevelCondition {
  const leaves: LeafCondition[] = rules.map((r) => ({
    fact: r.fact,
    ...(r.path === undefined || r.path === '' ? {} : { path: r.path }),
    operator: r.operator,
    value: r.value,
  }));
  return mode === 'all' ? { all: leaves } : { any: leaves };
}

/** The type of the value a rule compares: the path's type for object facts. */
export function valueType(fact: FactDefinition | undefined, path: string | undefined): FactType | undefined {
  if (!fact) return undefined;
  if (path !== undefined && fact.paths) return fact.paths.find((p) => p.path === path)?.type;
  return fact.type;
}

/** A fresh rule for a fact: its first path, an allowed operator, an empty value. */
export function ruleFor(fact: FactDefinition, keepOperator?: string): Rule {
  const path = fact.paths?.[0]?.path;
  const operator = keepOperator && fact.operators.includes(keepOperator) ? keepOperator : (fact.operators[0] ?? 'equal');
  return { fact: fact.name, ...(path === undefined ? {} : { path }), operator, value: initialValue(operator, valueType(fact, path)) };
}

/** The value a rule starts with when its operator or compared type changes. */
export function initialValue(operator: string, type: FactType | undefined): unknown {
  if (operator === 'exists') return true;
  if (operator === 'in' || operator === 'notIn') return [];
  return type === 'number' ? 0 : '';
}

/** Operators whose value is a list (`in`, `notIn`), edited as comma-separated text. */
export function takesList(operator: string): boolean {
  return operator === 'in' || operator === 'notIn';
}

/** Parses the text of a list value; numbers stay numbers for numeric facts (strict `equal`). */
export function parseList(text: string, type: FactType | undefined): unknown[] {
  const items = text
    .split(/[,，]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return type === 'number' ? items.map(Number).filter((n) => Number.isFinite(n)) : items;
}
