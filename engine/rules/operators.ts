/**
 * The operators a marketer may choose. The first group is json-rules-engine's built-ins (their
 * semantics are the library's: strict `equal`, `contains` only on arrays, numeric comparisons false
 * on non-numbers). Domain operators are registered on every engine we create (see evaluate.ts).
 */
export const builtInOperators = [
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
] as const;

export interface DomainOperator {
  name: string;
  /** Pure: the fact's value and the condition's value decide. */
  test(factValue: unknown, value: unknown): boolean;
}

const tierOrder = ['ordinary', 'senior', 'vip', 'supreme'];
/** An instant in ms from an ISO date-time string (or a Date); null for anything else. */
export function instantOf(v: unknown): number | null {
  const ms = typeof v === 'string' ? Date.parse(v) : v instanceof Date ? v.getTime() : Number.NaN;
  return Number.isFinite(ms) ? ms : null;
}
const tagsOf = (fact: unknown): string[] => (Array.isArray(fact) ? fact.filter((t): t is string => typeof t === 'string') : []);

export const domainOperators: DomainOperator[] = [
  {
    // The customer has this tag (tags fact); a missing tag list is "no", never an error.
    name: 'hasTag',
    test: (fact, value) => typeof value === 'string' && tagsOf(fact).includes(value),
  },
  {
    // The customer has at least one of these tags.
    name: 'hasAnyTag',
    test: (fact, value) => Array.isArray(value) && value.some((v) => tagsOf(fact).includes(v as string)),
  },
  {
    // Member tier at or above the given one: ordinary < senior < vip < supreme.
    name: 'tierAtLeast',
    test: (fact, value) =>
      typeof fact === 'string' &&
      typeof value === 'string' &&
      tierOrder.includes(fact) &&
      tierOrder.includes(value) &&
      tierOrder.indexOf(fact) >= tierOrder.indexOf(value),
  },
  {
    // A string fact that contains a substring, e.g. an order note or a product title.
    name: 'includesText',
    test: (fact, value) => typeof fact === 'string' && typeof value === 'string' && fact.includes(value),
  },
  {
    // A date fact (an ISO instant, e.g. lastOrderAt) before the given instant. The designer writes
    // a picked day as its local midnight with the shop's offset (2026-06-01T00:00:00+08:00), so no
    // time zone is needed here and the comparison reads no clock.
    name: 'dateBefore',
    test: (fact, value) => {
      const a = instantOf(fact);
      const b = instantOf(value);
      return a !== null && b !== null && a < b;
    },
  },
  {
    // A date fact at or after the given instant; with dateBefore, "between two days".
    name: 'dateOnOrAfter',
    test: (fact, value) => {
      const a = instantOf(fact);
      const b = instantOf(value);
      return a !== null && b !== null && a >= b;
    },
  },
  {
    // Whether a value is present at all (`value: true`) or absent (`value: false`).
    name: 'exists',
    test: (fact, value) => (fact !== undefined && fact !== null) === (value !== false),
  },
];

export const operatorNames: string[] = [...builtInOperators, ...domainOperators.map((o) => o.name)];
