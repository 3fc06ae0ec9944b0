import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/database';

/**
 * How a column travels: as one array parameter per column (`unnest`), so a batch of a thousand
 * rows is one statement with a handful of parameters on either database.
 * - `text`, `numeric` (rounded to cents, as the column stores it), `timestamptz`, `jsonb`
 * - `list`: a text[] column, sent as the items joined by U+001F (which no id contains)
 * - `jsonb-merge`: a jsonb object merged over what is stored (attributes from other sources stay)
 */
export type BulkType = 'text' | 'numeric' | 'timestamptz' | 'jsonb' | 'list' | 'jsonb-merge';
export interface BulkColumn {
  name: string;
  type: BulkType;
  /**
   * What the column becomes when the row exists, when not simply the file's value (or the merge):
   * SQL over the stored row (`<table>.<column>`) and the proposed one (`excluded.<column>`).
   */
  next?: RawBuilder<unknown>;
  /** False for bookkeeping (when fields were set): written with a change, but no change by itself. */
  compared?: boolean;
}

export const LIST_SEPARATOR = '\u001f';

const arrayType: Record<BulkType, string> = {
  text: 'text[]',
  numeric: 'numeric[]',
  timestamptz: 'timestamptz[]',
  jsonb: 'jsonb[]',
  list: 'text[]',
  'jsonb-merge': 'jsonb[]',
};

/**
 * Inserts the rows, or updates those whose id exists and whose values differ; identical rows are
 * left alone (and, written nothing, mark nothing for the facts), so importing the same file twice
 * changes nothing. The first column is the key `id`.
 * Names come from the callers' constants, never from input. Ids must be unique within `rows`.
 */
export async function bulkUpsert(
  db: Db,
  table: 'orders' | 'customers' | 'products',
  columns: BulkColumn[],
  rows: unknown[][],
): Promise<{ inserted: number; updated: number }> {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  if (columns[0]?.name !== 'id') throw new Error('bulkUpsert: the first column must be id');
  const t = sql.raw(table);
  const name = (c: BulkColumn) => sql.raw(c.name);
  const alias = (i: number) => sql.raw(`c${i}`);
  const params = columns.map((c, i) => sql`${rows.map((r) => r[i] ?? null)}::${sql.raw(arrayType[c.type])}`);
  const value = (c: BulkColumn, i: number): RawBuilder<unknown> => {
    if (c.type === 'numeric') return sql`round(t.${alias(i)}, 2)`;
    if (c.type === 'list') return sql`coalesce(string_to_array(t.${alias(i)}, ${LIST_SEPARATOR}::text), '{}')`;
    return sql`t.${alias(i)}`;
  };
  const rest = columns.slice(1);
  const compared = rest.filter((c) => c.compared !== false);
  // What the row becomes on update: the file's value, or for merged columns the stored one merged.
  const next = (c: BulkColumn) => c.next ?? (c.type === 'jsonb-merge' ? sql`${t}.${name(c)} || excluded.${name(c)}` : sql`excluded.${name(c)}`);
  const query = sql<{ inserted: boolean }>`
    insert into ${t} (${sql.join(columns.map(name))}, updated_at)
    select ${sql.join(columns.map(value))}, now()
    from unnest(${sql.join(params)}) as t(${sql.join(columns.map((_, i) => alias(i)))})
    on conflict (id) do update set ${sql.join(rest.map((c) => sql`${name(c)} = ${next(c)}`))}, updated_at = now()
    where (${sql.join(compared.map((c) => sql`${t}.${name(c)}`))}, true) is distinct from (${sql.join(compared.map(next))}, true)
    returning (xmax = 0) as inserted`;
  const result = await query.execute(db);
  const inserted = result.rows.filter((r) => r.inserted).length;
  return { inserted, updated: result.rows.length - inserted };
}
