import { sql } from 'kysely';
import { smsReplyAction, type SmsReplyAction } from '../../engine/index';
import type { Db } from '../db/database';
import { changeSubscriptions } from './consent';

/** An SMS reply (上行短信) as a provider's callback or `POST /api/channels/sms/inbound` gives it. */
export interface SmsReply {
  phone: string;
  text: string;
  /** When the carrier received it; a later change wins over an earlier one. */
  receivedAt: string | Date;
}

export interface SmsReplyOutcome {
  /** The stored reply's id in `sms_inbound`. */
  id: string;
  action: SmsReplyAction;
  /** Customers with that phone number. */
  customers: number;
  /** Of them, those whose state on SMS this reply changed. */
  changed: number;
}

/**
 * Handles one SMS reply: reads what it asks (engine/consent/sms-reply.ts), unsubscribes or
 * resubscribes every customer with that phone number on SMS (`via: reply`), and stores the reply
 * with what it was read as and whom it concerned (`sms_inbound`), so each change can be traced
 * to the message that asked for it. The one way in for replies: the inbound route calls it, and
 * so do the providers' callbacks.
 */
export async function receiveSmsReply(db: Db, reply: SmsReply): Promise<SmsReplyOutcome> {
  const at = new Date(reply.receivedAt);
  const action = smsReplyAction(reply.text);
  return db.transaction().execute(async (tx) => {
    const key = phoneKey(reply.phone);
    // The same expression as the index of migration 0020, so the lookup is one index probe.
    const customers =
      key.length < 5
        ? []
        : await tx
            .selectFrom('customers')
            .select('id')
            .where(sql<string>`right(regexp_replace(phone, '[^0-9]', '', 'g'), 11)`, '=', key)
            .orderBy('id')
            .limit(1000)
            .execute();
    const ids = customers.map((c) => c.id);
    const changed =
      action === 'none'
        ? []
        : await changeSubscriptions(tx, {
            customerIds: ids,
            channel: 'sms',
            state: action === 'unsubscribe' ? 'unsubscribed' : 'subscribed',
            via: 'reply',
            at,
          });
    const stored = await tx
      .insertInto('sms_inbound')
      .values({ phone: reply.phone, text: reply.text, received_at: at, action, customer_ids: JSON.stringify(ids) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: String(stored.id), action, customers: ids.length, changed: changed.length };
  });
}

/**
 * A phone number as replies and customers are matched: its last 11 digits, the length of a
 * Chinese mobile number, so the country code and any spaces or dashes do not matter (a reply from
 * +86 138 0000 1234 is from the customer stored as 13800001234).
 */
export function phoneKey(phone: string): string {
  return phone.replace(/[^0-9]/g, '').slice(-11);
}
