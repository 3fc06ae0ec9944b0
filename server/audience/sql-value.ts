import { sql, type RawBuilder } from 'kysely';

export type Sql = RawBuilder<unknown>;
export type JsonType = 'undefined' | 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object';
/** A SQL boolean, or a constant when the value's type is known without reading the row. */
export type Bool = Sql | boolean;

/**
 * A stored value as the engine would see it after JSON.parse: a JSON value or undefined. `is` never
 * yields SQL NULL; the accessors are read only where `is` holds for their type.
 */
export interface SqlValue {
  is(type: JsonType): Bool;
  text(): Sql;
  /** The exact number (numeric); turned into a double by render-predicate.ts's double(). */
  number(): Sql;
  /**
   * The number as the double JavaScript would hold, where that is cheaper than double(number()):
   * a stored whole number or cents, always within a double's normal range, needs no range guard.
   */
  double?(): Sql;
  boolean(): Sql;
  /** For arrays: whether an element is one of these strings, (SQL NULL: cannot tell here). */
  arrayHasText(values: string[]): Sql;
  /** For arrays: the value as jsonb, for the other element tests. */
  jsonb(): Sql;
  /** For objects: whether it has this own key. */
  hasKey(key: string): Bool;
}

export const lit = (b: Bool): Sql => (typeof b === 'boolean' ? sql.lit(b) : b);
export const and = (...xs: Bool[]): Bool => {
  if (xs.includes(false)) return false;
  const left = xs.filter((x): x is Sql => x !== true);
  return left.length === 0 ? true : sql`(${sql.join(left, sql` and `)})`;
};
export const or = (...xs: Bool[]): Bool => {
  if (xs.includes(true)) return true;
  const left = xs.filter((x): x is Sql => x !== false);
  return left.length === 0 ? false : sql`(${sql.join(left, sql` or `)})`;
};
export const not = (x: Bool): Bool => (typeof x === 'boolean' ? !x : sql`(not ${x})`);

/** A jsonb expression; SQL NULL is undefined (a missing key, a missing row). */
export function jsonbValue(x: Sql): SqlValue {
  return {
    is: (type) => (type === 'undefined' ? sql`(${x} is null)` : sql`(coalesce(jsonb_typeof(${x}), '') = ${type})`),
    text: () => sql`(${x} #>> '{}')`,
    number: () => sql`(${x})::numeric`,
    boolean: () => sql`(${x})::boolean`,
    arrayHasText: (values) => sql`(${x} ?| ${sql.val(values)}::text[])`,
    jsonb: () => x,
    hasKey: (key) => sql`(${x} ? ${key})`,
  };
}

/** A value that is one JSON type whenever `present` holds, else undefined. */
function typed(type: JsonType, present: Bool, parts: Partial<SqlValue>): SqlValue {
  const unused = () => sql`null`;
  return {
    is: (t) => (t === type ? present : t === 'undefined' ? not(present) : false),
    text: unused,
    number: unused,
    boolean: unused,
    arrayHasText: unused,
    jsonb: unused,
    hasKey: () => false,
    ...parts,
  };
}

export const undefinedValue: SqlValue = typed('undefined', true, {});
export const nullValue = (present: Bool): SqlValue => typed('null', present, {});

/** A text column: a string where not NULL, else `otherwise` (a profile field falls back to the attribute of its name). */
export function textValue(x: Sql, otherwise: SqlValue = undefinedValue): SqlValue {
  const isNull = sql`(${x} is null)`;
  return {
    is: (t) => (t === 'string' ? or(sql`(${x} is not null)`, otherwise.is('string')) : and(isNull, otherwise.is(t))),
    text: () => sql`coalesce(${x}, ${otherwise.text()})`,
    number: otherwise.number,
    boolean: otherwise.boolean,
    arrayHasText: otherwise.arrayHasText,
    jsonb: otherwise.jsonb,
    hasKey: (key) => and(isNull, otherwise.hasKey(key)),
  };
}

/** A number column (numeric, exact), present where `present` holds. */
/**
 * A stored number, a number where `present` holds: one far inside a double's normal range or zero
 * (a count, or cents / 100), so its double is the numeric's nearest double, which PostgreSQL's cast
 * gives, without double()'s range checks.
 */
export const boundedNumberValue = (x: Sql, present: Bool): SqlValue =>
  typed('number', present, { number: () => sql`(${x})::numeric`, double: () => sql`((${x})::numeric)::float8` });

/** A text[] column, as the JSON array of strings it is written as (elements never NULL in Huitou's rows, but handled). */
export const textArrayValue = (x: Sql, present: Bool): SqlValue =>
  typed('array', present, {
    arrayHasText: (values) => sql`(${x} && ${sql.val(values)}::text[])`,
    jsonb: () => sql`to_jsonb(${x})`,
  });

/** An object of which only its own keys are asked (the customer profile, the facts document). */
export const objectValue = (hasKey: (key: string) => Bool): SqlValue => typed('object', true, { hasKey });
