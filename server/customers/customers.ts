import { sql } from 'kysely';
import type { CustomerUpdatedData } from '../../engine/index';
import type { Db } from '../db/database';
import { json } from '../db/database';
import { bulkUpsert, type BulkColumn } from './bulk-upsert';
import { changeSubscriptions, type ConsentChange } from './consent';

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

/** The profile a stored customer row gives: its attributes, its id, and the profile fields that are set (they win over attributes of the same name). */
export function profileOf(row: { id: string; attributes: Record<string, unknown> } & Record<(typeof profileFields)[number], string | null>): CustomerProfile {
  const profile: CustomerProfile = { ...row.attributes, id: row.id };
  for (const field of profileFields) if (row[field] !== null) profile[field] = row[field];
  return profile;
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
  /** When the row's values were true (its `updated_at` cell, else the import's start), ISO. */
  setAt: string;
  /** `sms_subscribed` / `email_subscribed`: true resubscribes, false unsubscribes; absent (no column, empty cell) changes nothing. */
  subscribed?: { sms?: boolean; email?: boolean } | undefined;
}

export const profileFields = ['name', 'phone', 'email', 'birthday', 'timezone', 'region'] as const;
export type ProfileField = (typeof profileFields)[number];

/** What one source says about one customer, and when it was so. */
export interface ProfileChange {
  id: string;
  /** Each field given replaces the stored one; `null` clears it; absent fields stay. */
  fields: Partial<Record<ProfileField, string | null>>;
  /** Merged key by key over the stored attributes. */
  attributes: Record<string, unknown>;
  /** When it was so: a field (or attribute) the store holds from a later moment keeps its value. */
  at: string;
}

/** Where a change's time is kept for each field it sets (migration 0013). */
function timesOf(change: ProfileChange, fields: readonly ProfileField[]): Record<string, string> {
  const at = new Date(change.at).toISOString();
  return {
    ...Object.fromEntries(fields.map((f) => [f, at])),
    ...Object.fromEntries(Object.keys(change.attributes).map((k) => [`attributes.${k}`, at])),
  };
}

/** What an event says about its customer (`data.customer`); empty values are not news and clear nothing. */
export function changeFromSaid(id: string, said: { name?: unknown; phone?: unknown; email?: unknown }, at: string): ProfileChange | undefined {
  const text = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);
  const fields: ProfileChange['fields'] = {};
  for (const f of ['name', 'phone', 'email'] as const) {
    const value = text(said[f]);
    if (value !== undefined) fields[f] = value;
  }
  return Object.keys(fields).length === 0 ? undefined : { id, fields, attributes: {}, at };
}

/** A `customer.updated` event's change: fields given replace (`null` clears), attributes merge key by key. */
export function changeFromUpdate(id: string, data: CustomerUpdatedData, at: string): ProfileChange {
  const fields = Object.fromEntries(profileFields.filter((f) => data[f] !== undefined).map((f) => [f, data[f] ?? null])) as ProfileChange['fields'];
  // The birthday's calendar is optional profile data, so it lives in the attributes (no column).
  const calendar = data.birthdayCalendar === undefined ? {} : { birthdayCalendar: data.birthdayCalendar };
  return { id, fields, attributes: { ...(data.attributes ?? {}), ...calendar }, at };
}

/** Customer profiles: imported, and kept current by `customer.updated` and events carrying `data.customer`. */
export class Customers {
  constructor(private readonly db: Db) {}

  /** Consent changes an import's `sms_subscribed` / `email_subscribed` columns asked for (consent.ts). */
  async changeSubscriptions(changes: readonly ConsentChange[]): Promise<void> {
    for (const change of changes) await changeSubscriptions(this.db, change);
  }

  /** The profile as journeys see it; a customer we know nothing about is just their id. */
  async profile(id: string): Promise<CustomerProfile> {
    const row = await this.db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? profileOf(row) : { id };
  }

  /** Many profiles in one statement, in the shape `profile` gives one ({ id } for a customer without a row). */
  async profiles(ids: readonly string[]): Promise<Map<string, CustomerProfile>> {
    const found = new Map<string, CustomerProfile>(ids.map((id) => [id, { id }]));
    if (ids.length === 0) return found;
    const rows = await this.db
      .selectFrom('customers')
      .selectAll()
      .where('id', 'in', [...new Set(ids)])
      .execute();
    for (const row of rows) found.set(row.id, profileOf(row));
    return found;
  }

  /**
   * Merges what an event says about its customer (`data.customer`) into the profile, as of the
   * event's `occurredAt`; empty values are not news and clear nothing.
   */
  async upsertFromEvent(id: string, said: { name?: unknown; phone?: unknown; email?: unknown }, at: string = new Date().toISOString()): Promise<void> {
    const change = changeFromSaid(id, said, at);
    if (change) await this.applyChange(change);
  }

  /**
   * Applies a `customer.updated` event (validated by its data schema) as of its `occurredAt`: each
   * field given replaces the stored one, `null` clears it, absent fields stay; attributes are merged
   * key by key.
   */
  async applyUpdate(id: string, data: CustomerUpdatedData, at: string = new Date().toISOString()): Promise<void> {
    await this.applyChange(changeFromUpdate(id, data, at));
  }

  /**
   * One change from an event. Fields and attributes the store holds from a later moment keep
   * their values; a change that alters nothing (older, or the same values and times) writes
   * nothing. A newer change of equal values still records its time, so an event from in between
   * cannot overwrite it later.
   */
  async applyChange(change: ProfileChange): Promise<void> {
    const given = profileFields.filter((f) => change.fields[f] !== undefined);
    if (given.length === 0 && Object.keys(change.attributes).length === 0) return;
    await this.write([change], given, true);
  }

  /**
   * Many changes from events, in the order given, in a few statements: the k-th change of each
   * customer goes in the k-th round (so a customer's changes apply in order, and no statement
   * touches a row twice), and a round is one upsert per set of fields given. Rows are sorted by id
   * so concurrent batches lock customers in the same order.
   */
  async applyChanges(changes: readonly ProfileChange[]): Promise<void> {
    const rounds: ProfileChange[][] = [];
    const seen = new Map<string, number>();
    for (const change of changes) {
      const given = profileFields.filter((f) => change.fields[f] !== undefined);
      if (given.length === 0 && Object.keys(change.attributes).length === 0) continue;
      const round = seen.get(change.id) ?? 0;
      seen.set(change.id, round + 1);
      (rounds[round] ??= []).push(change);
    }
    for (const round of rounds) {
      const bySignature = new Map<string, { fields: ProfileField[]; changes: ProfileChange[] }>();
      for (const change of round) {
        const fields = profileFields.filter((f) => change.fields[f] !== undefined);
        const key = fields.join(',');
        const group = bySignature.get(key) ?? { fields, changes: [] };
        group.changes.push(change);
        bySignature.set(key, group);
      }
      for (const { fields, changes: group } of bySignature.values()) {
        await this.write(
          group.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
          fields,
          true,
        );
      }
    }
  }

  /**
   * One batch of imported customers (ids unique within it), each row as of its `setAt`; columns
   * the file lacks stay as stored. A row equal to what is stored writes nothing, not even times,
   * so importing the same file again changes nothing.
   */
  async upsertImported(rows: ImportedCustomer[], present: ReadonlySet<ProfileField>): Promise<{ inserted: number; updated: number }> {
    const fields = profileFields.filter((f) => present.has(f));
    const changes = rows.map(
      (c): ProfileChange => ({ id: c.id, fields: Object.fromEntries(fields.map((f) => [f, c[f]])), attributes: c.attributes, at: c.setAt }),
    );
    return this.write(changes, fields, false);
  }

  /**
   * Upserts the changes (ids unique), each field only where its stored time is not later. A change
   * at least as recent as everything stored (`latest_set_at`) applies whole, without reading the
   * times field by field.
   */
  private write(changes: ProfileChange[], fields: readonly ProfileField[], timesAreChanges: boolean): Promise<{ inserted: number; updated: number }> {
    const recent = sql`coalesce(customers.latest_set_at <= excluded.latest_set_at, true)`;
    const later = (key: string) => sql`set_later(customers.field_set_at, excluded.field_set_at, ${key}::text)`;
    const columns: [BulkColumn, (c: ProfileChange) => unknown][] = [
      [{ name: 'id', type: 'text' }, (c) => c.id],
      [
        {
          name: 'attributes',
          type: 'jsonb-merge',
          next: sql`case when ${recent} then customers.attributes || excluded.attributes
            else later_attributes(customers.attributes, customers.field_set_at, excluded.attributes, excluded.field_set_at) end`,
        },
        (c) => json(c.attributes),
      ],
    ];
    for (const field of fields) {
      const f = sql.raw(field);
      const next = sql`case when ${recent} then excluded.${f} when ${later(field)} then customers.${f} else excluded.${f} end`;
      columns.push([{ name: field, type: 'text', next }, (c) => c.fields[field] ?? null]);
    }
    columns.push(
      [
        {
          name: 'field_set_at',
          type: 'jsonb',
          next: sql`case when ${recent} then customers.field_set_at || excluded.field_set_at else later_times(customers.field_set_at, excluded.field_set_at) end`,
          compared: timesAreChanges,
        },
        (c) => json(timesOf(c, fields)),
      ],
      [
        { name: 'latest_set_at', type: 'timestamptz', next: sql`greatest(customers.latest_set_at, excluded.latest_set_at)`, compared: timesAreChanges },
        (c) => new Date(c.at).toISOString(),
      ],
    );
    return bulkUpsert(
      this.db,
      'customers',
      columns.map(([c]) => c),
      changes.map((c) => columns.map(([, get]) => get(c))),
    );
  }
}
