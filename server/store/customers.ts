import { sql } from 'kysely';
import type { CustomerUpdatedData } from '../../engine/index';
import type { Db } from '../db/database';
import { json } from '../db/database';
import { bulkUpsert, type BulkColumn } from './bulk-upsert';

export interface CustomerProfile extends Record<string, unknown> {
  id: string;
  name?: string | undefined;
  phone?: string | undefined;
  email?: string | undefined;
  /** `YYYY-MM-DD`, or `MM-DD` when the year is unknown. */
  birthday?: string | undefined;
  /** IANA time zone, e.g. Asia/Shanghai. */
  timezone?: string | undefined;
  region?: string | undefined;
}

/** A customer as a CSV import gives it. */
export interface ImportedCustomer {
  id: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  birthday: string | null;
  timezone: string | null;
  region: string | null;
  attributes: Record<string, string>;
}

export const profileFields = ['name', 'phone', 'email', 'birthday', 'timezone', 'region'] as const;
export type ProfileField = (typeof profileFields)[number];

/** Customer profiles: imported, and kept current by `customer.updated` and events carrying `data.customer`. */
export class Customers {
  constructor(private readonly db: Db) {}

  /** The profile as journeys see it; a customer we know nothing about is just their id. */
  async profile(id: string): Promise<CustomerProfile> {
    const row = await this.db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return { id };
    const profile: CustomerProfile = { ...row.attributes, id: row.id };
    for (const field of profileFields) if (row[field] !== null) profile[field] = row[field];
    return profile;
  }

  /** Merges what an event says about its customer into the profile. */
  async upsertFromEvent(id: string, said: { name?: unknown; phone?: unknown; email?: unknown }): Promise<void> {
    const text = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : null);
    const name = text(said.name);
    const phone = text(said.phone);
    const email = text(said.email);
    if (name === null && phone === null && email === null) return;
    await this.db
      .insertInto('customers')
      .values({ id, name, phone, email, attributes: json({}), updated_at: new Date() })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          name: eb.fn.coalesce(eb.ref('excluded.name'), eb.ref('customers.name')),
          phone: eb.fn.coalesce(eb.ref('excluded.phone'), eb.ref('customers.phone')),
          email: eb.fn.coalesce(eb.ref('excluded.email'), eb.ref('customers.email')),
          updated_at: new Date(),
        })),
      )
      .execute();
  }

  /**
   * Applies a `customer.updated` event (validated by its data schema): each field given replaces
   * the stored one, `null` clears it, absent fields stay; attributes are merged key by key.
   */
  async applyUpdate(id: string, data: CustomerUpdatedData): Promise<void> {
    const given = profileFields.filter((f) => data[f] !== undefined);
    const values = Object.fromEntries(given.map((f) => [f, data[f] ?? null])) as Partial<Record<ProfileField, string | null>>;
    await this.db
      .insertInto('customers')
      .values({ id, ...values, attributes: json(data.attributes ?? {}), updated_at: new Date() })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          ...Object.fromEntries(given.map((f) => [f, eb.ref(`excluded.${f}`)])),
          attributes: sql`customers.attributes || excluded.attributes`,
          updated_at: new Date(),
        })),
      )
      .execute();
  }

  /** One batch of imported customers (ids unique within it); columns the file lacks stay as stored. */
  async upsertImported(rows: ImportedCustomer[], present: ReadonlySet<ProfileField>): Promise<{ inserted: number; updated: number }> {
    const columns: [BulkColumn, (c: ImportedCustomer) => unknown][] = [
      [{ name: 'id', type: 'text' }, (c) => c.id],
      [{ name: 'attributes', type: 'jsonb-merge' }, (c) => json(c.attributes)],
    ];
    for (const field of profileFields) if (present.has(field)) columns.push([{ name: field, type: 'text' }, (c) => c[field]]);
    return bulkUpsert(
      this.db,
      'customers',
      columns.map(([c]) => c),
      rows.map((c) => columns.map(([, get]) => get(c))),
    );
  }
}
