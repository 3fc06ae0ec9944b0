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
    const customers = await tx.selectFrom('customers').select('id').where('phone', 'in', phoneSpellings(reply.phone)).orderBy('id').limit(1000).execute();
    const ids = customers.map((c) => c.id);
    const changed =
      action === 'none' ? [] : await changeSubscriptions(tx, { customerIds: ids, channel: 'sms', state: action === 'unsubscribe' ? 'unsubscribed' : 'subscribed', via: 'reply', at });
    const stored = await tx
      .insertInto('sms_inbound')
      .values({ phone: reply.phone, text: reply.text, received_at: at, action, customer_ids: JSON.stringify(ids) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: String(stored.id), action, customers: ids.length, changed: changed.length };
  });
}

/**
 * The ways a shop may have stored the number a carrier reports: as given, the 11 national digits
 * (a reply from +86 138 0000 1234 comes from the customer stored as 13800001234), and with the
 * country code in front.
 */
export function phoneSpellings(phone: string): string[] {
  const given = phone.trim();
  const digits = given.replace(/[\s()-]/g, '');
  const national = digits.replace(/^(\+86|0086|86)(?=1\d{10}$)/, '');
  return [...new Set([given, digits, national, `+86${national}`, `86${national}`])];
}
