import type { FactChoice, FactDefinition } from '../../../engine/facts/catalog';
import type { Locale } from '../../../engine/nodes/define';

/**
 * Conditions in plain words, in zh-CN and en: "累计购买次数至少2单且（会员等级为VIP会员或至尊VIP会员）".
 * Pure (the fact catalog is passed in), so the builder, the canvas and the tests share it. It reads
 * any json-rules-engine condition, also those the builder hands to the JSON editor.
 */

type Words = Record<Locale, string>;

const units: Record<string, Words> = { CNY: { 'zh-CN': '元', en: 'yuan' }, orders: { 'zh-CN': '单', en: 'orders' }, days: { 'zh-CN': '天', en: 'days' } };

/** The short unit shown beside a number input and in sentences. */
export function unitWord(unit: string | undefined, locale: Locale): string {
  return unit ? (units[unit]?.[locale] ?? unit) : '';
}

/** What kind of value a rule compares: it picks the operator names and the value input. */
export type ValueKind = 'number' | 'text' | 'choice' | 'tags' | 'date' | 'boolean' | 'any';

export interface Compared {
  fact: FactDefinition | undefined;
  subject: string;
  kind: ValueKind;
  unit: string | undefined;
  choices: FactChoice[] | undefined;
}

const lowerFirst = (s: string, locale: Locale) => (locale === 'en' && /^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);

/** The fact (or its path) a rule compares, its name in `locale` and its kind of value. */
export function compared(facts: readonly FactDefinition[], factName: string, path: string | undefined, locale: Locale): Compared {
  const fact = facts.find((f) => f.name === factName);
  if (!fact) return { fact, subject: path ? `${factName} ${path}` : factName, kind: 'any', unit: undefined, choices: undefined };
  const p = path === undefined ? undefined : fact.paths?.find((x) => x.path === path);
  const type = p ? p.type : path !== undefined && fact.paths ? undefined : fact.type;
  const choices = p ? p.choices : path === undefined ? fact.choices : undefined;
  const subject = p ? p.labels[locale] : path ? `${fact.labels[locale]} ${path}` : fact.labels[locale];
  const kind: ValueKind = choices
    ? 'choice'
    : fact.name === 'tags'
      ? 'tags'
      : type === 'number'
        ? 'number'
        : type === 'string'
          ? 'text'
          : type === 'date'
            ? 'date'
            : type === 'boolean'
              ? 'boolean'
              : 'any';
  return { fact, subject, kind, unit: p ? p.unit : path === undefined ? fact.unit : undefined, choices };
}

// Operator names for the builder's select, by kind of value; `default` where a kind has no own word.
const operatorNames: Record<Locale, Record<string, Partial<Record<ValueKind | 'default', string>>>> = {
  'zh-CN': {
    equal: { default: '等于', choice: '是', text: '是', tags: '等于' },
    notEqual: { default: '不等于', choice: '不是', text: '不是' },
    lessThan: { default: '小于' },
    lessThanInclusive: { default: '小于等于' },
    greaterThan: { default: '大于' },
    greaterThanInclusive: { default: '大于等于' },
    in: { default: '是以下之一' },
    notIn: { default: '不是以下任何一个' },
    contains: { default: '包含', tags: '包含标签' },
    doesNotContain: { default: '不包含', tags: '不包含标签' },
    hasTag: { default: '包含标签' },
    hasAnyTag: { default: '包含任一标签' },
    tierAtLeast: { default: '不低于' },
    includesText: { default: '含有文字' },
    exists: { default: '有没有' },
    dateOnOrAfter: { default: '在此日期或之后' },
    dateBefore: { default: '早于' },
  },
  en: {
    equal: { default: 'equals', choice: 'is', text: 'is' },
    notEqual: { default: 'does not equal', choice: 'is not', text: 'is not' },
    lessThan: { default: 'less than' },
    lessThanInclusive: { default: 'at most' },
    greaterThan: { default: 'more than' },
    greaterThanInclusive: { default: 'at least' },
    in: { default: 'is one of' },
    notIn: { default: 'is none of' },
    contains: { default: 'contains', tags: 'has tag' },
    doesNotContain: { default: 'does not contain', tags: 'does not have tag' },
    hasTag: { default: 'has tag' },
    hasAnyTag: { default: 'has any of the tags' },
    tierAtLeast: { default: 'at least' },
    includesText: { default: 'includes text' },
    exists: { default: 'present or absent' },
    dateOnOrAfter: { default: 'on or after' },
    dateBefore: { default: 'before' },
  },
};

/** An operator's readable name for a kind of value, e.g. `hasTag` → 包含标签, `in` on a stage → 是以下之一. */
export function operatorLabel(operator: string, kind: ValueKind, locale: Locale, factName?: string): string {
  // A lifecycle stage reads as a place the customer is in: 处于阶段 / is in stage.
  if (factName === 'lifecycleStage' && (operator === 'equal' || operator === 'in')) {
    return locale === 'zh-CN' ? (operator === 'equal' ? '处于阶段' : '处于以下阶段之一') : operator === 'equal' ? 'is in stage' : 'is in one of the stages';
  }
  const names = operatorNames[locale][operator];
  return names?.[kind] ?? names?.default ?? operator;
}

const q = (v: unknown, locale: Locale) => (locale === 'zh-CN' ? `“${String(v)}”` : `"${String(v)}"`);

function valueText(v: unknown, c: Compared, locale: Locale): string {
  const choice = c.choices?.find((x) => x.value === v);
  if (choice) return choice.labels[locale];
  if (typeof v === 'number') {
    const unit = unitWord(c.unit, locale);
    if (!unit) return String(v);
    if (locale === 'zh-CN') return `${v}${unit}`;
    return c.unit === 'CNY' ? `¥${v}` : `${v} ${v === 1 ? unit.replace(/s$/, '') : unit}`;
  }
  if (typeof v === 'string') return c.kind === 'choice' ? v : q(v, locale);
  return JSON.stringify(v);
}

function listText(v: unknown, c: Compared, locale: Locale, joiner: 'or' | 'and' | 'nor'): string {
  const items = (Array.isArray(v) ? v : [v]).map((x) => valueText(x, c, locale));
  if (items.length <= 1) return items.join('');
  const last = items.pop()!;
  if (locale === 'zh-CN') return `${items.join('、')}${joiner === 'and' ? '和' : '或'}${last}`;
  return `${items.join(', ')} ${joiner} ${last}`;
}

/** Sentences that say what a number about time means rather than which number it is. */
function relativeWords(fact: string, operator: string, v: unknown, locale: Locale): string | null {
  if (typeof v !== 'number') return null;
  const zh = locale === 'zh-CN';
  const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);
  if (fact === 'recencyDays') {
    if (operator === 'lessThanInclusive') return zh ? `近${v}天内购买过` : `bought in the last ${days(v)}`;
    if (operator === 'lessThan') return zh ? `不到${v}天前购买过` : `bought less than ${days(v)} ago`;
    if (operator === 'greaterThan') return zh ? `超过${v}天未购买` : `no purchase for more than ${days(v)}`;
    if (operator === 'greaterThanInclusive') return zh ? `至少${v}天未购买` : `no purchase for at least ${days(v)}`;
  }
  if (fact === 'daysToBirthday') {
    if (operator === 'equal') return v === 0 ? (zh ? '今天过生日' : 'birthday today') : zh ? `${v}天后过生日` : `birthday in ${days(v)}`;
    if (operator === 'lessThanInclusive') return zh ? `${v}天内过生日` : `birthday within ${days(v)}`;
  }
  return null;
}

/** The day of a date value as the designer writes it (the picked day at local midnight, with its offset). */
const dayOf = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : JSON.stringify(v));

type Leaf = { fact: string; path?: string | undefined; operator: string; value?: unknown };

/** One rule in words. */
export function ruleWords(leaf: Leaf, facts: readonly FactDefinition[], locale: Locale): string {
  const c = compared(facts, leaf.fact, leaf.path, locale);
  const zh = locale === 'zh-CN';
  const s = lowerFirst(c.subject, locale);
  const v = leaf.value;
  const relative = relativeWords(leaf.fact, leaf.operator, v, locale);
  if (relative) return relative;
  const sp = zh ? '' : ' ';
  switch (leaf.operator) {
    case 'greaterThanInclusive':
      return zh ? `${s}至少${valueText(v, c, locale)}` : `${s} at least ${valueText(v, c, locale)}`;
    case 'greaterThan':
      return zh ? `${s}超过${valueText(v, c, locale)}` : `${s} over ${valueText(v, c, locale)}`;
    case 'lessThan':
      return zh ? `${s}少于${valueText(v, c, locale)}` : `${s} under ${valueText(v, c, locale)}`;
    case 'lessThanInclusive':
      return zh ? `${s}不超过${valueText(v, c, locale)}` : `${s} at most ${valueText(v, c, locale)}`;
    case 'equal':
      return zh ? `${s}为${valueText(v, c, locale)}` : `${s} is ${valueText(v, c, locale)}`;
    case 'notEqual':
      return zh ? `${s}不为${valueText(v, c, locale)}` : `${s} is not ${valueText(v, c, locale)}`;
    case 'in':
      return zh ? `${s}为${listText(v, c, locale, 'or')}` : `${s} is ${listText(v, c, locale, 'or')}`;
    case 'notIn':
      if (zh) return `${s}不为${listText(v, c, locale, 'or')}`;
      return Array.isArray(v) && v.length > 1 ? `${s} is neither ${listText(v, c, locale, 'nor')}` : `${s} is not ${listText(v, c, locale, 'or')}`;
    case 'hasTag':
      return zh ? `有标签${q(v, locale)}` : `has tag ${q(v, locale)}`;
    case 'hasAnyTag':
      return zh ? `有标签${listText(v, c, locale, 'or')}` : `has tag ${listText(v, c, locale, 'or')}`;
    case 'contains':
      if (c.kind === 'tags') return zh ? `有标签${q(v, locale)}` : `has tag ${q(v, locale)}`;
      return zh ? `${s}包含${valueText(v, c, locale)}` : `${s} contains ${valueText(v, c, locale)}`;
    case 'doesNotContain':
      if (c.kind === 'tags') return zh ? `没有标签${q(v, locale)}` : `does not have tag ${q(v, locale)}`;
      return zh ? `${s}不包含${valueText(v, c, locale)}` : `${s} does not contain ${valueText(v, c, locale)}`;
    case 'includesText':
      return zh ? `${s}含有文字${q(v, locale)}` : `${s} includes ${q(v, locale)}`;
    case 'tierAtLeast':
      return zh ? `${s}不低于${valueText(v, c, locale)}` : `${s} at least ${valueText(v, c, locale)}`;
    case 'dateOnOrAfter':
      return zh ? `${s}在${dayOf(v)}或之后` : `${s} on or after ${dayOf(v)}`;
    case 'dateBefore':
      return zh ? `${s}早于${dayOf(v)}` : `${s} before ${dayOf(v)}`;
    case 'exists':
      return v === false ? (zh ? `没有${s}` : `no ${s}`) : zh ? `有${s}` : `has ${s}`;
    default:
      return `${s}${sp}${leaf.operator}${sp}${JSON.stringify(v)}`;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function words(c: unknown, facts: readonly FactDefinition[], locale: Locale, nested: boolean): string {
  const zh = locale === 'zh-CN';
  const wrap = (s: string) => (zh ? `（${s}）` : `(${s})`);
  if (!isObject(c)) return JSON.stringify(c) ?? '';
  if (typeof c.fact === 'string') return ruleWords(c as unknown as Leaf, facts, locale);
  if ('not' in c) {
    const inner = c.not;
    const text = words(inner, facts, locale, true);
    const plain = isObject(inner) && typeof inner.fact === 'string';
    return zh ? `并非${plain ? text : text.startsWith('（') ? text : wrap(text)}` : `not ${plain ? text : text.startsWith('(') ? text : wrap(text)}`;
  }
  const mode = Array.isArray(c.all) ? 'all' : Array.isArray(c.any) ? 'any' : undefined;
  if (!mode) return JSON.stringify(c);
  const items = c[mode] as unknown[];
  if (items.length === 0) return zh ? '总是满足' : 'always';
  const joiner = mode === 'all' ? (zh ? '且' : ' and ') : zh ? '或' : ' or ';
  const text = items.map((x) => words(x, facts, locale, true)).join(joiner);
  return nested && items.length > 1 ? wrap(text) : text;
}

/** The whole condition in words; an absent condition is "always". */
export function describeCondition(condition: unknown, facts: readonly FactDefinition[], locale: Locale): string {
  if (condition === undefined || condition === null) return locale === 'zh-CN' ? '总是满足' : 'Always';
  const text = words(condition, facts, locale, false);
  return locale === 'en' ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}
