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
      typeof fact === 'string' && typeof value === 'string' && tierOrder.includes(fact) && tierOrder.includes(value) && tierOrder.indexOf(fact) >= tierOrder.indexOf(value),
  },
  {
    // A string fact that contains a substring, e.g. an order note or a product title.
    name: 'includesText',
    test: (fact, value) => typeof fact === 'string' && typeof value === 'string' && fact.includes(value),
  },
  {
    // Whether a value is present at all (`value: true`) or absent (`value: false`).
    name: 'exists',
    test: (fact, value) => (fact !== undefined && fact !== null) === (value !== false),
  },
];

export const operatorNames: string[] = [...builtInOperators, ...domainOperators.map((o) => o.name)];
