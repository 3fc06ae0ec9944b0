import type { Db } from '../db/database';
import { json } from '../db/database';

export interface CustomerProfile extends Record<string, unknown> {
  id: string;
  name?: string | undefined;
  phone?: string | undefined;
  email?: string | undefined;
}

/** Customer profiles, kept current by events that carry `data.customer`. */
export class Customers {
  constructor(private readonly db: Db) {}

  /** The profile as journeys see it; a customer we know nothing about is just their id. */
  async profile(id: string): Promise<CustomerProfile> {
    const row = await this.db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return { id };
    return {
      ...row.attributes,
      id: row.id,
      ...(row.name !== null ? { name: row.name } : {}),
      ...(row.phone !== null ? { phone: row.phone } : {}),
      ...(row.email !== null ? { email: row.email } : {}),
    };
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
}
