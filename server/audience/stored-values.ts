import { sql } from 'kysely';
import type { AudienceValue } from '../../engine/index';
import { profileFields } from '../customers/customers';
import { boundedNumberValue, jsonbValue, nullValue, objectValue, textArrayValue, textValue, undefinedValue, type Sql, type SqlValue } from './sql-value';

/**
 * The stored values a compiled audience reads, over `customers c`, `left join customer_fact_rows r`
 * when a rule reads a stored column (`joins.rows`) and `left join customer_facts f` when it reads
 * the view's facts document (`joins.view`). They are what
 * broadcast-page.ts hands the engine: the profile `{ ...attributes, id, non-null profile fields,
 * facts }` and the facts document of the `customer_facts` view (`{}` without a row).
 *
 * Facts the view formats straight from a stored column are read there, and the stage and RFM
 * segment from the columns the refresh stores as the view derives them (server/facts/stored-derived.ts):
 * building the document costs about 14 µs a row and deriving those two about 10 µs, most of a
 * scan; the view is not joined at all when no rule reads the document. Each mapping below names
 * the document's expression it mirrors (migration 0008-day-stable-facts, customerFactsViewSql);
 * tests/audience compares every verdict with the engine's over the document.
 */
export interface Joins {
  rows: boolean;
  view: boolean;
}

const hasRow = sql`(r.customer_id is not null)`;

/** `(x -> 'a' -> 'b')`: a plain-member JSONPath over json or jsonb; NULL where a step finds no own key of an object. */
function steps(x: Sql, path: string[]): Sql {
  return path.reduce<Sql>((at, key) => sql`(${at} -> ${key}::text)`, x);
}

/** Top-level facts of the document the view also gives as a column or formats from one. */
function factColumn(name: string, joins: Joins): ((path: string[]) => SqlValue) | undefined {
  const row = (): Sql => {
    joins.rows = true;
    return hasRow;
  };
  /** A column of the stored row (customer_fact_rows r), which the statement then joins. */
  const stored = (column: Sql): Sql => {
    joins.rows = true;
    return column;
  };
  switch (name) {
    // "lifecycleStage":"%s" ← the view's stage, stored as r.stage (never NULL on a row); a path on a string is ignored.
    case 'lifecycleStage':
      return () => textValue(stored(sql`r.stage`));
    // "tier":"%s" ← f.tier (not null), which is r.tier
    case 'tier':
      return () => textValue(stored(sql`r.tier`));
    // "tags": to_json(f.tags), which are r.tags; a member of an array is absent.
    case 'tags':
      return (path) => (path.length === 0 ? textArrayValue(sql`r.tags`, row()) : undefinedValue);
    // "orderCount":%s, "frequency":%s ← integers; a path on a number is ignored.
    case 'orderCount':
      return () => boundedNumberValue(sql`r.order_count`, row());
    case 'frequency':
      return () => boundedNumberValue(sql`r.frequency`, row());
    // "totalSpend", "monetary": cents || 'e-2', the same number as cents / 100 exactly.
    case 'totalSpend':
      return () => boundedNumberValue(sql`(r.total_cents::numeric / 100)`, row());
    case 'monetary':
      return () => boundedNumberValue(sql`(r.monetary_cents::numeric / 100)`, row());
    // "rfm": null when unscored (the segment column is NULL exactly then), and a path on null is ignored.
    case 'rfm':
      return (path) => (path.length === 1 && path[0] === 'segment' ? textValue(sql`r.rfm_segment`, nullValue(row())) : documentFact(name, path, joins));
    default:
      return undefined;
  }
}

/** Any fact of the document, read from it: its value, then (only if that is an object or array) the path. */
function documentFact(name: string, path: string[], joins: Joins): SqlValue {
  joins.view = true;
  const value = sql`(f.facts -> ${name}::text)::jsonb`;
  if (path.length === 0) return jsonbValue(value);
  return jsonbValue(sql`(case when jsonb_typeof(${value}) in ('object', 'array') then ${steps(value, path)} else ${value} end)`);
}

export function storedValue(v: AudienceValue, joins: Joins): SqlValue {
  switch (v.source) {
    case 'customerText':
      return textValue(sql`(${v.prefix}::text || c.id || ${v.suffix}::text)`);
    case 'fact':
      return (factColumn(v.name, joins) ?? ((path: string[]) => documentFact(v.name, path, joins)))(v.path);
    case 'customer':
      return customerValue(v.path, joins);
  }
}

/** The profile object, as broadcast-page.ts builds it, at a plain-member path. */
function customerValue(path: string[], joins: Joins): SqlValue {
  const [first, ...rest] = path;
  // The profile's own keys: every attribute, id and facts; profile fields are among them already or not.
  if (first === undefined) return objectValue((key) => (key === 'id' || key === 'facts' ? true : sql`(c.attributes ? ${key}::text)`));
  if (first === 'id') return rest.length === 0 ? textValue(sql`c.id`) : undefinedValue;
  if (first === 'facts') {
    joins.view = true;
    if (rest.length === 0) return objectValue((key) => sql`coalesce((f.facts::jsonb) ? ${key}::text, false)`);
    return jsonbValue(sql`(${steps(sql`f.facts`, rest)})::jsonb`);
  }
  const attribute = steps(sql`c.attributes`, path);
  if ((profileFields as readonly string[]).includes(first)) {
    const column = sql.ref(`c.${first}`);
    // A stored field wins over the attribute of its name; a field is a string, with no members.
    return rest.length === 0 ? textValue(column, jsonbValue(attribute)) : jsonbValue(sql`(case when ${column} is null then ${attribute} end)`);
  }
  return jsonbValue(attribute);
}
