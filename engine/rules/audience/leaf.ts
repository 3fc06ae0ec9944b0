import { instantOf } from '../operators';
import { allOf, always, negate, type AudiencePredicate, type AudienceValue, type JsonPrimitive } from './predicate';

const tierOrder = ['ordinary', 'senior', 'vip', 'supreme'];
const isPrimitive = (v: unknown): v is JsonPrimitive => v === null || ['string', 'number', 'boolean'].includes(typeof v);
const comparisons = { lessThan: '<', lessThanInclusive: '<=', greaterThan: '>', greaterThanInclusive: '>=' } as const;
/** Strings SQL holds as JavaScript does: no NUL (PostgreSQL text has none) and no lone surrogate halves. */
const sqlSafeText = (s: string) => !s.includes('\u0000') && !/\p{Cs}/u.test(s);

/**
 * One rule over a stored value, as json-rules-engine decides it (engine-default-operators.js,
 * operator.js) and as Huitou's operators do (../operators.ts). The rule's value `b` is JSON from the
 * journey document. A string names the reason the rule does not compile.
 */
export function leafPredicate(value: AudienceValue, operator: string, b: unknown): AudiencePredicate | string {
  const test = (t: Extract<AudiencePredicate, { kind: 'test' }>['test']): AudiencePredicate => ({ kind: 'test', value, test: t });
  if (typeof b === 'string' && !sqlSafeText(b)) return 'the value holds characters the database cannot store';
  switch (operator) {
    // a === b: a stored value is never the very object of the rule.
    case 'equal':
      return isPrimitive(b) ? test({ test: 'oneOf', values: [b] }) : always(false);
    case 'notEqual':
      return negate(isPrimitive(b) ? test({ test: 'oneOf', values: [b] }) : always(false));
    // b.indexOf(a): a string b searches a's text, anything else but an array throws.
    case 'in':
    case 'notIn': {
      if (!Array.isArray(b)) return `"${operator}" needs a list`;
      const values = b.filter(isPrimitive);
      if (values.some((v) => typeof v === 'string' && !sqlSafeText(v))) return 'a listed value holds characters the database cannot store';
      const isIn = values.length === 0 ? always(false) : test({ test: 'oneOf', values });
      return operator === 'in' ? isIn : negate(isIn);
    }
    // Array.isArray(a) && a.indexOf(b) > -1 (or === -1): false for anything but an array.
    case 'contains':
      return isPrimitive(b) ? test({ test: 'arrayHas', values: [b] }) : always(false);
    case 'doesNotContain':
      return allOf([test({ test: 'isArray' }), isPrimitive(b) ? negate(test({ test: 'arrayHas', values: [b] })) : always(true)]);
    case 'lessThan':
    case 'lessThanInclusive':
    case 'greaterThan':
    case 'greaterThanInclusive':
      // Against a string or another value JavaScript's comparison converts; only numbers compile.
      if (typeof b !== 'number' || !Number.isFinite(b)) return `"${operator}" compiles against a number only`;
      return test({ test: 'compare', op: comparisons[operator], value: b });
    case 'hasTag':
      return typeof b === 'string' ? test({ test: 'arrayHas', values: [b] }) : always(false);
    case 'hasAnyTag': {
      const tags = Array.isArray(b) ? b.filter((t): t is string => typeof t === 'string') : [];
      if (!tags.every(sqlSafeText)) return 'a tag holds characters the database cannot store';
      return tags.length === 0 ? always(false) : test({ test: 'arrayHas', values: tags });
    }
    case 'tierAtLeast': {
      const from = typeof b === 'string' ? tierOrder.indexOf(b) : -1;
      return from < 0 ? always(false) : test({ test: 'oneOf', values: tierOrder.slice(from) });
    }
    case 'includesText':
      return typeof b === 'string' ? test({ test: 'includesText', value: b }) : always(false);
    case 'dateBefore':
    case 'dateOnOrAfter': {
      const ms = instantOf(b);
      return ms === null ? always(false) : test({ test: 'instant', op: operator === 'dateBefore' ? '<' : '>=', ms });
    }
    case 'exists':
      return b !== false ? test({ test: 'present' }) : negate(test({ test: 'present' }));
    default:
      // Unknown operators throw in json-rules-engine; decorated ones (`not:equal`, `someFact:…`) are not compiled.
      return `operator "${operator}" is not compiled`;
  }
}
