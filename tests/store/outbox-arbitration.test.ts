import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messagingSettingsSchema, type MessageGuard, type MessagingSettings, type OutgoingMessage } from '../../engine/index';
import { MessageDispatcher } from '../../server/messaging/dispatcher';
import type { ChannelProvider } from '../../server/messaging/channels/provider';
import { createLogger } from '../../server/logger';
import { Outbox } from '../../server/messaging/outbox';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases';
import { uniqueId } from '../support/journeys';

const log = createLogger('silent');
const marketing = (priority: number): MessageGuard => ({ category: 'marketing', priority, quietHours: 'shop' });

/**
 * Priority decides, whichever fires first: on a channel with a frequency cap, marketing messages
 * wait the shop's arbitration window before delivery, so a higher-priority journey's message that
 * fires within it takes the one place. The real outbox and dispatcher on both databases.
 */
describe.each(databaseKinds)('frequency-cap arbitration on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => void (t = await openTestDatabase(kind)));
  afterAll(() => t?.close());

  // Caps name real channels; this suite's database is its own, so its SMS rows are all its tests'.
  const channel = 'sms';
  const delivered: string[] = [];
  const provider: ChannelProvider = { name: 'counting', send: async (m) => (delivered.push(m.id), { providerMessageId: m.id }) };
  const drain = () => new MessageDispatcher({ db: t.db, providers: { [channel]: provider }, log }).drain();
  const row = (id: string) => t.db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  /** The arbitration window (or any hold) is over: the message is due now. */
  const windowEnds = (id: string) =>
    t.db
      .updateTable('messages')
      .set({ next_attempt_at: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();
  const outboxWith = (messaging: Partial<MessagingSettings>) =>
    new Outbox(t.db, async () => ({
      messaging: messagingSettingsSchema.parse({ frequencyCaps: [{ channel, max: 1, within: 'P1D' }], ...messaging }),
      timezone: 'Asia/Shanghai',
    }));
  const message = (customerId: string, journeyId: string, guard: MessageGuard | undefined, at?: number): OutgoingMessage => ({
    idempotencyKey: uniqueId(journeyId),
    channel,
    recipient: '13800001234',
    text: journeyId,
    journeyId,
    journeyVersion: 1,
    nodeId: 'sms',
    customerId,
    guard,
    ...(at === undefined ? {} : { at }),
  });

  it('low fires first and is not delivered at once; high fires seconds later and takes the place', async () => {
    const outbox = outboxWith({}); // the default window
    const customer = uniqueId('c');
    const start = Date.now();
    const low = await outbox.enqueue(message(customer, 'promotion', marketing(2), start));
    expect(low.status).toBe('queued');
    const lowRow = await row(low.messageId);
    expect(lowRow.next_attempt_at.getTime()).toBe(start + 60_000);
    expect(lowRow).toMatchObject({ reason_code: 'arbitration', reason_params: { seconds: 60 } });
    await drain();
    expect(delivered).not.toContain(low.messageId);

    const high = await outbox.enqueue(message(customer, 'payment-reminder', marketing(8), start + 4000));
    expect(high.status).toBe('queued');
    expect(await row(low.messageId)).toMatchObject({
      status: 'capped',
      reason_code: 'gave_way',
      reason_params: { journeyId: 'payment-reminder', priority: 8 },
    });
    await windowEnds(high.messageId);
    await windowEnds(low.messageId);
    await drain();
    expect(delivered).toContain(high.messageId);
    expect(delivered).not.toContain(low.messageId);
    expect(await row(high.messageId)).toMatchObject({ status: 'sent' });
  });

  it('high fires first; low fires seconds later and is capped', async () => {
    const outbox = outboxWith({});
    const customer = uniqueId('c');
    const start = Date.now();
    const high = await outbox.enqueue(message(customer, 'payment-reminder', marketing(8), start));
    const low = await outbox.enqueue(message(customer, 'promotion', marketing(2), start + 4000));
    expect(low.status).toBe('capped');
    expect(await row(low.messageId)).toMatchObject({ status: 'capped', reason_code: 'frequency_cap', reason_params: { max: 1, channel, within: 'P1D' } });
    await windowEnds(high.messageId);
    await drain();
    expect(delivered).toContain(high.messageId);
    expect(await row(high.messageId)).toMatchObject({ status: 'sent' });
  });

  it('further apart than the window: the lower one was delivered and keeps its place', async () => {
    const outbox = outboxWith({ arbitrationSeconds: 30 });
    const customer = uniqueId('c');
    const start = Date.now() - 60_000;
    const low = await outbox.enqueue(message(customer, 'promotion', marketing(2), start));
    await drain(); // its window ended 30 s ago
    expect(await row(low.messageId)).toMatchObject({ status: 'sent' });
    const high = await outbox.enqueue(message(customer, 'payment-reminder', marketing(8), start + 45_000));
    expect(high.status).toBe('capped');
  });

  it('window 0 turns arbitration off: the first delivered keeps its place', async () => {
    const outbox = outboxWith({ arbitrationSeconds: 0 });
    const customer = uniqueId('c');
    const low = await outbox.enqueue(message(customer, 'promotion', marketing(2)));
    const lowRow = await row(low.messageId);
    expect(lowRow.reason_code).toBeNull();
    expect(lowRow.next_attempt_at.getTime()).toBeLessThanOrEqual(Date.now());
    await drain();
    expect(await row(low.messageId)).toMatchObject({ status: 'sent' });
    const high = await outbox.enqueue(message(customer, 'payment-reminder', marketing(8)));
    expect(high.status).toBe('capped');
  });

  it('transactional messages never wait and are never capped', async () => {
    const outbox = outboxWith({});
    const customer = uniqueId('c');
    await outbox.enqueue(message(customer, 'promotion', marketing(9)));
    const start = Date.now();
    const receipt = await outbox.enqueue(message(customer, 'receipt', undefined, start));
    expect(receipt.status).toBe('queued');
    const r = await row(receipt.messageId);
    expect(r).toMatchObject({ category: 'transactional', reason_code: null });
    expect(r.next_attempt_at.getTime()).toBeLessThanOrEqual(Date.now());
    await drain();
    expect(await row(receipt.messageId)).toMatchObject({ status: 'sent' });
  });

  it('a channel without a cap has nothing to arbitrate: no wait', async () => {
    const outbox = new Outbox(t.db, async () => ({ messaging: messagingSettingsSchema.parse({}), timezone: 'Asia/Shanghai' }));
    const m = await outbox.enqueue(message(uniqueId('c'), 'promotion', marketing(2)));
    expect((await row(m.messageId)).reason_code).toBeNull();
    await drain();
    expect(await row(m.messageId)).toMatchObject({ status: 'sent' });
  });
});
