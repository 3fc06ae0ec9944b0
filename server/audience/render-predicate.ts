import { sql } from 'kysely';
import type { AudiencePredicate, JsonPrimitive, ValueTest } from '../../engine/index';
import { and, lit, not, or, type Bool, type Sql, type SqlValue } from './sql-value';
import { storedValue, type Joins } from './stored-values';

/**
 * The SQL of a compiled audience, in three values: TRUE where json-rules-engine says yes, FALSE where
 * it says no, NULL where SQL cannot tell exactly (a number beyond a double's range, a string
 * JavaScript would read as a number in a way SQL does not, a date JavaScript would roll over). SQL's
 * and/or/not treat NULL as "either", which is exactly right: `false and unknown` is false whatever
 * the unknown is. Rows left NULL are decided by the engine itself (select-audience-page.ts).
 */
export function renderPredicate(p: AudiencePredicate, joins: Joins): Sql {
  return lit(render(p, joins));
}

function render(p: AudiencePredicate, joins: Joins): Bool {
  switch (p.kind) {
    case 'constant':
      return p.value;
    case 'all':
      return and(...p.items.map((x) => render(x, joins)));
    case 'any':
      return or(...p.items.map((x) => render(x, joins)));
    case 'not':
      return not(render(p.item, joins));
    case 'test':
      return renderTest(storedValue(p.value, joins), p.test);
  }
}

/** A number as JavaScript holds it: the double nearest the exact value; NULL beyond a double's normal range. */
function double(n: Sql): Sql {
  return sql`(case when abs(${n}) <= 1.7976931348623157e308 and (${n} = 0 or abs(${n}) >= 2.2250738585072014e-308) then (${n})::float8 end)`;
}
/** A value's number as a double: its own cheaper form when it has one (SqlValue.double). */
const doubleOf = (x: SqlValue): Sql => x.double?.() ?? double(x.number());
const float = (v: number): Sql => sql`${String(v)}::float8`;
const relation = { '<': sql`<`, '<=': sql`<=`, '>': sql`>`, '>=': sql`>=` } as const;

/** Strings JavaScript's Number and parseFloat both read whole, as PostgreSQL's numeric does. */
const plainNumber = '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]{1,3})?$';
/** Strings whose first character makes parseFloat NaN (a letter but I of Infinity, an underscore, a CJK ideograph). */
const notANumberStart = '^[A-HJ-Za-z_\u4e00-\u9fff]';
/** The one instant format Date.parse reads exactly as ordered text (what the facts document writes). */
const canonicalInstant = '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9][.][0-9]{3}Z$';

function renderTest(x: SqlValue, t: ValueTest): Bool {
  switch (t.test) {
    case 'present':
      return not(or(x.is('undefined'), x.is('null')));
    case 'isArray':
      return x.is('array');
    case 'oneOf':
      return oneOf(x, t.values);
    case 'arrayHas':
      return guarded(x.is('array'), lit(arrayHas(x, t.values)));
    case 'includesText':
      return and(x.is('string'), sql`(strpos(${x.text()}, ${t.value}::text) > 0)`);
    case 'compare':
      return compare(x, t.op, t.value);
    case 'instant':
      return instant(x, t.op, t.ms);
  }
}

/**
 * `then` only where `when` holds: SQL's and/or may evaluate both sides, and a cast of the wrong
 * JSON type (jsonb string to numeric) fails the whole statement. CASE evaluates in order.
 */
function guarded(when: Bool, then: Sql): Bool {
  if (when === false) return false;
  if (when === true) return then;
  return sql`(case when ${when} then ${then} else false end)`;
}

function oneOf(x: SqlValue, values: JsonPrimitive[]): Bool {
  const strings = values.filter((v): v is string => typeof v === 'string');
  const numbers = values.filter((v): v is number => typeof v === 'number');
  const booleans = values.filter((v): v is boolean => typeof v === 'boolean');
  return or(
    strings.length > 0 ? and(x.is('string'), sql`(${x.text()} = any(${sql.val(strings)}::text[]))`) : false,
    numbers.length > 0 ? guarded(x.is('number'), sql`(${doubleOf(x)} = any(${sql.val(numbers.map(String))}::float8[]))`) : false,
    booleans.length > 0 ? guarded(x.is('boolean'), sql`(${x.boolean()} = any(${sql.val(booleans)}::boolean[]))`) : false,
    values.includes(null) ? x.is('null') : false,
  );
}

/** An element strictly equal to one of the values; arrays from JSON hold no undefined. */
function arrayHas(x: SqlValue, values: JsonPrimitive[]): Bool {
  const strings = values.filter((v): v is string => typeof v === 'string');
  const others = values.filter((v) => typeof v !== 'string');
  const elementTests = others.map((v) => {
    if (typeof v === 'number') {
      // Exactly equal doubles; an element out of a double's range leaves it undecided.
      const equal = sql`(${double(sql`e::numeric`)} = ${float(v)})`;
      return sql`(select case when bool_or(${equal}) then true when bool_or(${equal} is null) then null else false end
        from jsonb_array_elements(${x.jsonb()}) e where jsonb_typeof(e) = 'number')`;
    }
    return sql`(${x.jsonb()} @> ${JSON.stringify([v])}::jsonb)`;
  });
  return or(strings.length > 0 ? x.arrayHasText(strings) : false, ...elementTests);
}

/**
 * json-rules-engine's numeric operators: `Number.parseFloat(x)` must not be NaN, then JavaScript
 * compares `x op value`, turning x into a number. Decided here: numbers, strings that are plainly
 * numbers or plainly not, empty strings and arrays, and everything parseFloat rejects.
 */
function compare(x: SqlValue, op: keyof typeof relation, value: number): Bool {
  const against = (n: Sql) => sql`(${double(n)} ${relation[op]} ${float(value)})`;
  const text = x.text();
  const string = sql`(case when ${text} = '' then false
    when length(${text}) < 300 and ${text} ~ ${plainNumber} then ${against(sql`(${text})::numeric`)}
    when ${text} ~ ${notANumberStart} then false end)`;
  const parts: [Bool, Sql][] = [
    [x.is('number'), sql`(${doubleOf(x)} ${relation[op]} ${float(value)})`],
    [x.is('string'), string],
    // String([]) is '', NaN; a longer array's text may read as a number.
    [x.is('array'), sql`(case when jsonb_array_length(${x.jsonb()}) = 0 then false end)`],
    // An object's text is "[object Object]", NaN, unless its own toString key makes the engine throw.
    [x.is('object'), objectText(x.hasKey('toString'))],
  ];
  const live = parts.filter(([when]) => when !== false);
  if (live.length === 0) return false;
  return sql`(case ${sql.join(
    live.map(([when, then]) => sql`when ${lit(when)} then ${then}`),
    sql` `,
  )} else false end)`;
}

function objectText(ownToString: Bool): Sql {
  return ownToString === false ? sql`false` : sql`(case when ${lit(ownToString)} then null else false end)`;
}

/** Date.parse(x) op ms for strings in the canonical form, as text (they order as instants); other strings are left to the engine. */
function instant(x: SqlValue, op: '<' | '>=', ms: number): Bool {
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  // Canonical strings have years 0000–9999: an instant before or after all of them compares as '' or '~'.
  const bound = year < 0 ? '' : year > 9999 ? '~' : date.toISOString();
  const text = x.text();
  const y = sql`substr(${text}, 1, 4)::int`;
  const lastDay = sql`(case substr(${text}, 6, 2) when '02' then (case when ${y} % 4 = 0 and (${y} % 100 <> 0 or ${y} % 400 = 0) then 29 else 28 end)
    when '04' then 30 when '06' then 30 when '09' then 30 when '11' then 30 else 31 end)`;
  return guarded(
    x.is('string'),
    sql`(case when ${text} = '' then false
      when ${text} ~ ${canonicalInstant} then (case when substr(${text}, 9, 2)::int <= ${lastDay}
        then (${text} collate "C") ${relation[op]} (${bound}::text collate "C") end) end)`,
  );
}
