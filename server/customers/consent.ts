import { sql } from 'kysely';
import {
  consentChannels,
  defaultSubscription,
  isConsentChannel,
  type ConsentChannel,
  type Subscription,
  type SubscriptionState,
  type SubscriptionVia,
} from '../../engine/index';
import type { Db } from '../db/database';

/**
 * Consent per customer and channel (`customer_subscriptions`, migration 0020). No row is the
 * default, subscribed; each change replaces the row, so the row says the latest state, when and
 * how. A change older than the stored one is kept out (an import of last month's file does not
 * undo this morning's 退订).
 */

export type Subscriptions = Record<ConsentChannel, Subscription>;

/** A customer's state on each channel, for `GET /api/customers/:id`. */
export async function subscriptionsOf(db: Db, customerId: string): Promise<Subscriptions> {
  const rows = await db.selectFrom('customer_subscriptions').selectAll().where('customer_id', '=', customerId).execute();
  const found = Object.fromEntries(consentChannels.map((c) => [c, defaultSubscription])) as Subscriptions;
  for (const r of rows) {
    if (!isConsentChannel(r.channel)) continue;
    found[r.channel] = { state: r.state as SubscriptionState, at: r.changed_at.toISOString(), via: r.via as SubscriptionVia };
  }
  return found;
}

export interface ConsentChange {
  customerIds: readonly string[];
  channel: ConsentChannel;
  state: SubscriptionState;
  via: SubscriptionVia;
  at: Date;
}

/** Records a change for many customers in one statement; returns the customers whose state it changed. */
export async function changeSubscriptions(db: Db, change: ConsentChange): Promise<string[]> {
  const ids = [...new Set(change.customerIds)];
  if (ids.length === 0) return [];
  const { rows } = await sql<{ customer_id: string }>`
    with before as (
      select customer_id, state from customer_subscriptions where channel = ${change.channel} and customer_id = any(${ids}::text[])
    ), written as (
      insert into customer_subscriptions (customer_id, channel, state, changed_at, via)
      select id, ${change.channel}, ${change.state}, ${change.at}, ${change.via} from unnest(${ids}::text[]) as t(id)
      on conflict (customer_id, channel) do update
        set state = excluded.state, changed_at = excluded.changed_at, via = excluded.via
        where customer_subscriptions.changed_at <= excluded.changed_at
      returning customer_id
    )
    select w.customer_id from written w left join before b on b.customer_id = w.customer_id
    where coalesce(b.state, 'subscribed') <> ${change.state}`.execute(db);
  return rows.map((r) => r.customer_id);
}

/** Pair key of a customer and channel, as `unsubscribedPairs` answers them. */
export const consentKey = (customerId: string, channel: string): string => `${customerId}\u0000${channel}`;

/** Which of these customer–channel pairs are unsubscribed, in one read. */
export async function unsubscribedPairs(db: Db, pairs: ReadonlyArray<{ customerId: string; channel: string }>): Promise<Set<string>> {
  const wanted = pairs.filter((p) => isConsentChannel(p.channel));
  if (wanted.length === 0) return new Set();
  const { rows } = await sql<{ customer_id: string; channel: string }>`
    select s.customer_id, s.channel from customer_subscriptions s
    join unnest(${wanted.map((p) => p.customerId)}::text[], ${wanted.map((p) => p.channel)}::text[]) as p(customer_id, channel)
      on s.customer_id = p.customer_id and s.channel = p.channel
    where s.state = 'unsubscribed'`.execute(db);
  return new Set(rows.map((r) => consentKey(r.customer_id, r.channel)));
}
