import { sql } from 'kysely';
import type { ProductRecord } from '../../engine/index';
import type { Db } from '../db/database';
import { json } from '../db/database';
import { bulkUpsert, type BulkColumn } from './bulk-upsert';

export interface ImportedProduct {
  id: string;
  name: string | null;
  category: string | null;
  tags: string[];
  attributes: Record<string, string>;
}

export type OptionalProductColumn = 'name' | 'category' | 'tags';

/** Products: what tag rules and per-category RFM ranges look up by the ids orders carry. */
export class Products {
  constructor(private readonly db: Db) {}

  /** One batch of imported products (ids unique within it); columns the file lacks stay as stored. */
  async upsertImported(rows: ImportedProduct[], optional: ReadonlySet<OptionalProductColumn>): Promise<{ inserted: number; updated: number }> {
    const columns: [BulkColumn, (p: ImportedProduct) => unknown][] = [
      [{ name: 'id', type: 'text' }, (p) => p.id],
      [{ name: 'attributes', type: 'jsonb-merge' }, (p) => json(p.attributes)],
    ];
    if (optional.has('name')) columns.push([{ name: 'name', type: 'text' }, (p) => p.name]);
    if (optional.has('category')) columns.push([{ name: 'category', type: 'text' }, (p) => p.category]);
    if (optional.has('tags')) columns.push([{ name: 'tags', type: 'jsonb' }, (p) => json(p.tags)]);
    return bulkUpsert(
      this.db,
      'products',
      columns.map(([c]) => c),
      rows.map((p) => columns.map(([, get]) => get(p))),
    );
  }

  /** The products with these ids, as the fact definitions take them; unknown ids are absent. */
  async byIds(ids: Iterable<string>): Promise<Map<string, ProductRecord>> {
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('products')
      .select(['id', 'category', 'tags'])
      .where(sql<boolean>`id = any(${wanted}::text[])`)
      .execute();
    return new Map(rows.map((r) => [r.id, { id: r.id, category: r.category, tags: r.tags }]));
  }

  /** Every product (a shop has thousands, not millions). */
  async all(): Promise<Map<string, ProductRecord>> {
    const rows = await this.db.selectFrom('products').select(['id', 'category', 'tags']).orderBy('id').execute();
    return new Map(rows.map((r) => [r.id, { id: r.id, category: r.category, tags: r.tags }]));
  }

  async get(id: string) {
    return this.db.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirst();
  }
}
