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

export const domainOperators: DomainOperator[] = [
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
