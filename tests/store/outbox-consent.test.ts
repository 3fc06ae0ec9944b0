import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messagingSettingsSchema, type DispatchResult, type OutgoingMessage } from '../../engine/index';
import { changeSubscriptions } from '../../server/customers/consent';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localSink } from '../../server/messaging/channels/local-sink';
import { MessageDispatcher } from '../../server/messaging/dispatcher';
import { createLogger } from '../../server/logger';
import { Outbox } from '../../server/messaging/outbox';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases';
import { uniqueId } from '../support/journeys';

/**
 * Consent in the outbox, on both databases and on both ways in (a lone `enqueue` and a cohort's
 * `enqueueMany`): a marketing message to a customer who unsubscribed from its channel is stored
 * `skipped_unsubscribed` with reason `unsubscribed`; a transactional one still goes; a marketing
 * SMS ends with the shop's opt-out text once, a transactional one and an email never.
 */
const shop = async () => ({ messaging: messagingSettingsSchema.parse({}), timezone: 'Asia/Shanghai', optOutText: '拒收请回复R' });
const marketing = { category: 'marketing' as const, priority: 5, quietHours: 'ignore' as const };

describe.each(databaseKinds)('consent in the outbox on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
  });
  afterAll(() => t?.close());

  const message = (customerId: string, channel: 'sms' | 'email' | 'task', o: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
    idempotencyKey: uniqueId('k'),
    channel,
    recipient: channel === 'sms' ? '13800001234' : 'wang@example.com',
    text: '双11 专享券已到账',
    journeyId: 'j-consent',
    journeyVersion: 1,
    nodeId: 'n1',
    customerId,
    guard: marketing,
    ...o,
  });
  const row = (id: string) => t.db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const unsubscribe = (customerId: string, channel: 'sms' | 'email') =>
    changeSubscriptions(t.db, { customerIds: [customerId], channel, state: 'unsubscribed', via: 'reply', at: new Date() });

  for (const path of ['enqueue', 'enqueueMany'] as const) {
    const send = async (m: OutgoingMessage) => {
      const outbox = new Outbox(t.db, shop);
      return path === 'enqueue' ? outbox.enqueue(m) : (await outbox.enqueueMany([m]))[0]!;
    };

    it(`${path}: skips a marketing SMS to a customer who unsubscribed from SMS, with reason unsubscribed`, async () => {
      const customer = uniqueId('c');
      await unsubscribe(customer, 'sms');
      const result = await send(message(customer, 'sms'));
      expect(result.status).toBe('skipped_unsubscribed');
      expect(await row(result.messageId)).toMatchObject({ status: 'skipped_unsubscribed', reason_code: 'unsubscribed', reason_params: { channel: 'sms' } });
      // Email is another channel: still queued.
      expect((await send(message(customer, 'email'))).status).toBe('queued');
    });

    it(`${path}: still sends a transactional SMS (payment reminder) to a customer who unsubscribed, without the opt-out text`, async () => {
      const customer = uniqueId('c');
      await unsubscribe(customer, 'sms');
      const result = await send(message(customer, 'sms', { guard: undefined, text: '您的订单还未付款' }));
      expect(result.status).toBe('queued');
      expect(await row(result.messageId)).toMatchObject({ status: 'queued', text: '您的订单还未付款', reason_code: null });
    });

    it(`${path}: ends a marketing SMS with the opt-out text once, and leaves emails as they are`, async () => {
      const customer = uniqueId('c');
      const sms = await send(message(customer, 'sms'));
      expect((await row(sms.messageId)).text).toBe('双11 专享券已到账 拒收请回复R');
      const already = await send(message(customer, 'sms', { text: '双11 专享券已到账，拒收请回复R' }));
      expect((await row(already.messageId)).text).toBe('双11 专享券已到账，拒收请回复R');
      const email = await send(message(customer, 'email'));
      expect((await row(email.messageId)).text).toBe('双11 专享券已到账');
    });

    it(`${path}: a customer who resubscribed gets marketing again`, async () => {
      const customer = uniqueId('c');
      await unsubscribe(customer, 'sms');
      await changeSubscriptions(t.db, { customerIds: [customer], channel: 'sms', state: 'subscribed', via: 'reply', at: new Date(Date.now() + 1000) });
      expect((await send(message(customer, 'sms'))).status).toBe('queued');
    });
  }

  it('gives the same rows and answers on both paths for a mixed batch', async () => {
    const customers = [uniqueId('c'), uniqueId('c'), uniqueId('c')];
    await unsubscribe(customers[0]!, 'sms');
    await unsubscribe(customers[1]!, 'email');
    const batch = (tag: string) => [
      message(customers[0]!, 'sms', { idempotencyKey: `${tag}-1` }),
      message(customers[0]!, 'sms', { idempotencyKey: `${tag}-2`, guard: undefined }),
      message(customers[1]!, 'email', { idempotencyKey: `${tag}-3` }),
      message(customers[1]!, 'sms', { idempotencyKey: `${tag}-4` }),
      message(customers[2]!, 'sms', { idempotencyKey: `${tag}-5` }),
      message(customers[2]!, 'task', { idempotencyKey: `${tag}-6`, recipient: 'staff', guard: undefined }),
    ];
    const lone: DispatchResult[] = [];
    for (const m of batch(uniqueId('lone'))) lone.push(await new Outbox(t.db, shop).enqueue(m));
    const many = await new Outbox(t.db, shop).enqueueMany(batch(uniqueId('many')));
    const shape = async (results: typeof lone) =>
      Promise.all(
        results.map(async (r) => {
          const stored = await row(r.messageId);
          return { status: r.status, row: [stored.status, stored.text, stored.reason_code, stored.channel, stored.customer_id] };
        }),
      );
    const [a, b] = [await shape(lone), await shape(many)];
    expect(b).toEqual(a);
    expect(a.map((x) => x.status)).toEqual(['skipped_unsubscribed', 'queued', 'skipped_unsubscribed', 'queued', 'queued', 'open']);
  });

  // Last: its dispatcher delivers every due SMS and email the tests above left queued.
  it('skips at delivery a marketing message queued before its customer unsubscribed, and still delivers a transactional one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'huitou-consent-'));
    try {
      const customer = uniqueId('c');
      const outbox = new Outbox(t.db, shop);
      const promo = await outbox.enqueue(message(customer, 'sms', { text: `营销 ${customer}` }));
      const notice = await outbox.enqueue(message(customer, 'sms', { text: `发货 ${customer}`, guard: undefined }));
      expect([promo.status, notice.status]).toEqual(['queued', 'queued']);
      await unsubscribe(customer, 'sms');
      const sink = join(dir, 'sms.log');
      await new MessageDispatcher({ db: t.db, providers: { sms: localSink(sink) }, log: createLogger('silent') }).drain();
      expect(await row(promo.messageId)).toMatchObject({ status: 'skipped_unsubscribed', reason_code: 'unsubscribed', sent_at: null });
      expect(await row(notice.messageId)).toMatchObject({ status: 'sent' });
      const sent = readFileSync(sink, 'utf8');
      expect(sent).toContain(`发货 ${customer}`);
      expect(sent).not.toContain(`营销 ${customer}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
