import type { FactDefinition, FactType } from '../facts/catalog';
import type { Locale } from '../nodes/define';
import type { LeafCondition } from './conditions';
import { instantOf } from './operators';

/**
 * Whether a rule's value suits its fact, path and operator. json-rules-engine never complains: a
 * number fact compared with "" or a tag test against an empty list is simply false for every
 * customer, so a half-filled rule would silently send nobody down a branch. Validation reports
 * these (the designer shows them under the rule and in the problems panel).
 *
 * Tags are free text on purpose: a tag no customer carries yet (one a tag rule or a journey step
 * will give) is a valid condition, so only an empty tag is refused.
 */
export type ValueReason = 'operator' | 'number' | 'text' | 'list' | 'yesNo' | 'choice' | 'date';

const numericComparisons = new Set(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive']);
const listOperators = new Set(['in', 'notIn', 'hasAnyTag']);
const textOperators = new Set(['hasTag', 'contains', 'doesNotContain', 'includesText']);

/** The type and the allowed values of what a rule compares: its path's for object facts. */
export function comparedValue(fact: FactDefinition, path: string | undefined): { type: FactType | undefined; choices: string[] | undefined } {
  if (fact.paths && path !== undefined) {
    const p = fact.paths.find((x) => x.path === path);
    return { type: p?.type, choices: p?.choices?.map((c) => c.value) };
  }
  return { type: fact.type, choices: fact.choices?.map((c) => c.value) };
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** Why the rule's value does not fit, or null when it does. Unknown facts are validation's other check. */
export function valueProblem(leaf: LeafCondition, fact: FactDefinition): ValueReason | null {
  const { operator, value } = leaf;
  if (!fact.operators.includes(operator)) return 'operator';
  const { type, choices } = comparedValue(fact, leaf.path);
  const fits = (v: unknown): boolean => {
    if (choices) return typeof v === 'string' && choices.includes(v);
    if (type === 'number') return isNumber(v);
    if (type === 'string') return isText(v);
    // A free event path: any JSON value may be what the event carries.
    return v !== undefined && v !== '';
  };
  if (operator === 'exists') return typeof value === 'boolean' ? null : 'yesNo';
  if (operator === 'tierAtLeast') return fits(value) ? null : 'choice';
  if (operator === 'dateBefore' || operator === 'dateOnOrAfter') return instantOf(value) === null || typeof value !== 'string' ? 'date' : null;
  if (listOperators.has(operator)) {
    if (!Array.isArray(value) || value.length === 0) return 'list';
    if (operator === 'hasAnyTag') return value.every(isText) ? null : 'text';
    return value.every(fits) ? null : choices ? 'choice' : type === 'number' ? 'number' : 'list';
  }
  if (textOperators.has(operator)) return isText(value) ? null : 'text';
  if (numericComparisons.has(operator)) return isNumber(value) ? null : 'number';
  // equal / notEqual
  if (fits(value)) return null;
  return choices ? 'choice' : type === 'number' ? 'number' : 'text';
}

const reasons: Record<Locale, Record<ValueReason, (p: { operator: string; fact: string; choices: string }) => string>> = {
  en: {
    operator: (p) => `"${p.operator}" cannot be used with ${p.fact}; choose another comparison.`,
    number: (p) => `${p.fact}: enter a number.`,
    text: (p) => `${p.fact}: enter a value (it is empty).`,
    list: (p) => `${p.fact}: choose at least one value.`,
    yesNo: (p) => `${p.fact}: choose present or absent.`,
    choice: (p) => `${p.fact}: choose one of ${p.choices}.`,
    date: (p) => `${p.fact}: choose a date.`,
  },
  'zh-CN': {
    operator: (p) => `“${p.fact}”不能使用比较方式“${p.operator}”，请换一个。`,
    number: (p) => `“${p.fact}”：请填写数字。`,
    text: (p) => `“${p.fact}”：值不能为空。`,
    list: (p) => `“${p.fact}”：请至少选择一个值。`,
    yesNo: (p) => `“${p.fact}”：请选择“有”或“没有”。`,
    choice: (p) => `“${p.fact}”：请从 ${p.choices} 中选择。`,
    date: (p) => `“${p.fact}”：请选择日期。`,
  },
};

/** The message for a value problem, naming the fact (or its path) in the marketer's language. */
export function valueProblemMessage(locale: Locale, reason: ValueReason, leaf: LeafCondition, fact: FactDefinition): string {
  const path = fact.paths?.find((p) => p.path === leaf.path);
  const name = path ? `${fact.labels[locale]} · ${path.labels[locale]}` : leaf.path ? `${fact.labels[locale]} ${leaf.path}` : fact.labels[locale];
  const choiceList = path?.choices ?? (leaf.path === undefined ? fact.choices : undefined) ?? [];
  return reasons[locale][reason]({
    operator: leaf.operator,
    fact: name,
    choices: choiceList.map((c) => c.labels[locale]).join(locale === 'zh-CN' ? '、' : ', '),
  });
}
