import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboundHttp } from '../../server/messaging/outbound-http';
import { MessageDispatcher } from '../../server/messaging/dispatcher';
import { localSink } from '../../server/messaging/channels/local-sink';
import type { ChannelProvider } from '../../server/messaging/channels/provider';
import { channelProviders } from '../../server/messaging/channels/providers';
import { smsHttp } from '../../server/messaging/channels/sms-http';
import { createLogger } from '../../server/logger';
import { Outbox } from '../../server/messaging/outbox';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases';
import { uniqueId } from '../support/journeys';
import { startHttpSink, type HttpSink } from './http-sink';

const log = createLogger('silent');
const secret = 'test-secret-不要外传';

describe.each(databaseKinds)('outbox delivery on %s', (kind) => {
  let t: TestDatabase;
  let gateway: HttpSink;
  let dir: string;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    gateway = await startHttpSink();
    dir = mkdtempSync(join(tmpdir(), 'huitou-sink-'));
  });
  afterAll(async () => {
    await t?.close();
    await gateway?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const enqueue = async (channel: string, recipient: string | null, text = '王芳，您的订单还未付款') => {
    const key = uniqueId('k');
    const customerId = uniqueId('c');
    const { messageId } = await new Outbox(t.db).enqueue({
      idempotencyKey: key,
      channel,
      recipient,
      text,
      subject: '提醒',
      journeyId: 'j1',
      journeyVersion: 1,
      nodeId: 'n1',
      customerId,
    });
    return { messageId, customerId };
  };
  const row = (id: string) => t.db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const sms = () => smsHttp({ url: `http://127.0.0.1:${gateway.port}/sms`, secret, http: createOutboundHttp({ allow: ['127.0.0.1'] }) });
  // Each test has its own channel name so rows left by another test are not claimed by this one.
  const dispatcher = (providers: Record<string, ChannelProvider>, o: Partial<ConstructorParameters<typeof MessageDispatcher>[0]> = {}) =>
    new MessageDispatcher({ db: t.db, providers, log, backoffMs: 10, maxBackoffMs: 50, ...o });

  it('posts an SMS to the gateway with a signature the gateway can verify, and records it sent', async () => {
    const { messageId } = await enqueue('sms', '13800001234');
    const handled = await dispatcher({ sms: sms() }).drain();
    expect(handled).toBeGreaterThanOrEqual(1);
    const request = gateway.received.find((r) => JSON.parse(r.body).id === messageId)!;
    expect(request).toBeDefined();
    expect(JSON.parse(request.body)).toEqual({ id: messageId, to: '13800001234', text: '王芳，您的订单还未付款' });
    const timestamp = request.headers['x-huitou-timestamp'] as string;
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
    const expected = createHmac('sha256', secret).update(`${timestamp}.${request.body}`).digest('hex');
    expect(request.headers['x-huitou-signature']).toBe(`sha256=${expected}`);
    expect(request.headers['idempotency-key']).toBe(messageId);
    const stored = await row(messageId);
    expect(stored).toMatchObject({ status: 'sent', attempts: 1, provider: 'sms-http', provider_message_id: 'ok', last_error: null });
    expect(stored.sent_at).toBeInstanceOf(Date);
  });

  it('retries a gateway 500 with a pause, then records the message failed without the phone number in the error', async () => {
    gateway.answers.push({ status: 500, body: 'down for 13800001234' }, { status: 500 }, { status: 500 });
    const { messageId } = await enqueue('sms', '13800005678');
    // Pauses long enough that one drain cannot reach the retry, however slow the machine.
    const d = dispatcher({ sms: sms() }, { maxAttempts: 3, backoffMs: 300, maxBackoffMs: 600 });
    const before = gateway.received.length;
    await d.drain();
    let stored = await row(messageId);
    expect(stored).toMatchObject({ status: 'queued', attempts: 1 });
    expect(stored.last_error).toMatch(/answered 500/);
    // The first pause: 300 ms after the attempt, which came after the message was stored.
    expect(stored.next_attempt_at.getTime() - stored.created_at.getTime()).toBeGreaterThanOrEqual(300);
    for (let i = 0; i < 50 && (await row(messageId)).status === 'queued'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      await d.drain();
    }
    stored = await row(messageId);
    expect(stored).toMatchObject({ status: 'failed', attempts: 3, provider: 'sms-http', sent_at: null });
    expect(stored.last_error).toContain('answered 500');
    expect(stored.last_error).not.toContain('13800005678');
    expect(gateway.received.length - before).toBe(3);
    // A failed message is not tried again.
    await d.drain();
    expect(gateway.received.length - before).toBe(3);
  });

  it('without a configured provider writes SMS and email to local sink files and records them sent', async () => {
    const providers = channelProviders({ dataDir: dir, httpAllow: [], deliveryAttempts: 5, deliveryClaimTimeoutMs: 300_000 });
    const text = await enqueue('sms', '13800009999', 'local sink text');
    const mail = await enqueue('email', 'wang@example.com', '<p>Hi &lt;script&gt;</p>');
    await dispatcher(providers).drain();
    expect(await row(text.messageId)).toMatchObject({ status: 'sent', provider: 'local-sink', provider_message_id: `local-sink:${text.messageId}` });
    expect(await row(mail.messageId)).toMatchObject({ status: 'sent', provider: 'local-sink' });
    const smsLines = readFileSync(join(dir, 'sms-sink.log'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(smsLines.find((l) => l.id === text.messageId)).toMatchObject({ channel: 'sms', to: '13800009999', text: 'local sink text' });
    const mailLines = readFileSync(join(dir, 'mail-sink.log'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(mailLines.find((l) => l.id === mail.messageId)).toMatchObject({ channel: 'email', to: 'wang@example.com', subject: '提醒' });
  });

  it('leaves staff tasks open and messages without a recipient skipped', async () => {
    const task = await enqueue('task', 'staff');
    const none = await enqueue('sms', null);
    await dispatcher({ sms: localSink(join(dir, 'x.log')), email: localSink(join(dir, 'x.log')) }).drain();
    expect(await row(task.messageId)).toMatchObject({ status: 'open', attempts: 0 });
    expect(await row(none.messageId)).toMatchObject({ status: 'skipped_no_recipient', attempts: 0 });
  });

  it('shares the outbox between dispatchers without sending a message twice', async () => {
    const channel = `sms-race-${kind}`;
    const ids = [];
    for (let i = 0; i < 30; i++) ids.push((await enqueue(channel, `1380000${String(i).padStart(4, '0')}`)).messageId);
    const sent: string[] = [];
    const slow: ChannelProvider = {
      name: 'counting',
      async send(m) {
        sent.push(m.id);
        await new Promise((r) => setTimeout(r, 5));
        return { providerMessageId: m.id };
      },
    };
    await Promise.all([1, 2, 3].map(() => dispatcher({ [channel]: slow }, { batchSize: 4 }).drain()));
    expect(sent.sort()).toEqual([...ids].sort());
    const rows = await t.db.selectFrom('messages').select(['status', 'attempts']).where('channel', '=', channel).execute();
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('takes over a claim left by a dispatcher that died mid-send', async () => {
    const channel = `sms-stale-${kind}`;
    const { messageId } = await enqueue(channel, '13800001111');
    await t.db
      .updateTable('messages')
      .set({ status: 'sending', attempts: 1, claimed_at: new Date(Date.now() - 60_000) })
      .where('id', '=', messageId)
      .execute();
    const seen: string[] = [];
    const provider: ChannelProvider = { name: 'p', send: async (m) => (seen.push(m.id), { providerMessageId: 'x' }) };
    await dispatcher({ [channel]: provider }, { claimTimeoutMs: 120_000 }).drain();
    expect(seen).toEqual([]);
    await dispatcher({ [channel]: provider }, { claimTimeoutMs: 30_000 }).drain();
    expect(seen).toEqual([messageId]);
    expect(await row(messageId)).toMatchObject({ status: 'sent', attempts: 2 });
  });
});
