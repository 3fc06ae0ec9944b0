/**
 * A condition compiled for evaluation over stored customers in bulk (SQL, see server/audience/):
 * a small tree whose leaves test one stored value. Its meaning is json-rules-engine's verdict for
 * the condition it came from, leaf by leaf (compile.ts says how each operator maps).
 */
export type JsonPrimitive = string | number | boolean | null;

/**
 * Where a leaf's value comes from, as decisionFacts builds it from a stored customer:
 * - `fact`: a top-level fact spread from the customer's facts document (`customer.facts`); absent
 *   when the customer has no facts row. A path applies only when the value is an object (the
 *   almanac returns any other value whole).
 * - `customer`: the profile object `{ ...attributes, id, profile fields, facts }`, at a path of
 *   plain member names (JSONPath `$.a.b`: each step needs an own key of an object).
 * - `customerText`: a string made of the customer's id (the broadcast event's id or customerId).
 */
export type AudienceValue =
  | { source: 'fact'; name: string; path: string[] }
  | { source: 'customer'; path: string[] }
  | { source: 'customerText'; prefix: string; suffix: string };

/**
 * What a leaf asks of its value x (a JSON value, or undefined):
 * - `present`: x is neither undefined nor null.
 * - `isArray`: x is an array.
 * - `oneOf`: x === one of the values.
 * - `arrayHas`: x is an array with an element === one of the values.
 * - `compare`: json-rules-engine's numeric operators: `Number.parseFloat(x)` is not NaN and `x op value`
 *   (JavaScript's relational comparison, which turns a numeric string into its number).
 * - `includesText`: x is a string containing the value.
 * - `instant`: x is a string and `Date.parse(x) op ms`.
 */
export type ValueTest =
  | { test: 'present' }
  | { test: 'isArray' }
  | { test: 'oneOf'; values: JsonPrimitive[] }
  | { test: 'arrayHas'; values: JsonPrimitive[] }
  | { test: 'compare'; op: '<' | '<=' | '>' | '>='; value: number }
  | { test: 'includesText'; value: string }
  | { test: 'instant'; op: '<' | '>='; ms: number };

export type AudiencePredicate =
  | { kind: 'constant'; value: boolean }
  | { kind: 'all'; items: AudiencePredicate[] }
  | { kind: 'any'; items: AudiencePredicate[] }
  | { kind: 'not'; item: AudiencePredicate }
  | { kind: 'test'; value: AudienceValue; test: ValueTest };

/** A condition compiles, or says which part does not and why (that condition is evaluated customer by customer). */
export type CompiledAudience = { compiled: true; predicate: AudiencePredicate } | { compiled: false; at: (string | number)[]; reason: string };

export const always = (value: boolean): AudiencePredicate => ({ kind: 'constant', value });

/** `all`, folding constants: one false makes it false, trues drop out. */
export function allOf(items: AudiencePredicate[]): AudiencePredicate {
  const left: AudiencePredicate[] = [];
  for (const item of items) {
    if (item.kind === 'constant') {
      if (!item.value) return always(false);
    } else left.push(item);
  }
  return left.length === 0 ? always(true) : left.length === 1 ? left[0]! : { kind: 'all', items: left };
}

/** `any`, folding constants: one true makes it true, falses drop out. */
export function anyOf(items: AudiencePredicate[]): AudiencePredicate {
  const left: AudiencePredicate[] = [];
  for (const item of items) {
    if (item.kind === 'constant') {
      if (item.value) return always(true);
    } else left.push(item);
  }
  return left.length === 0 ? always(false) : left.length === 1 ? left[0]! : { kind: 'any', items: left };
}

export function negate(item: AudiencePredicate): AudiencePredicate {
  if (item.kind === 'constant') return always(!item.value);
  if (item.kind === 'not') return item.item;
  return { kind: 'not', item };
}
