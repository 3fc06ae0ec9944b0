import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messagingSettingsSchema, type MessageGuard, type MessagingSettings, type OutgoingMessage } from '../../engine/index';
import { Outbox } from '../../server/messaging/outbox';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases';

const marketing = (priority = 5, quietHours: MessageGuard['quietHours'] = 'shop'): MessageGuard => ({
  category: 'marketing',
  priority,
  quietHours,
  timezone: 'Asia/Shanghai',
});

describe.each(databaseKinds)('outbox guardrails on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => void (t = await openTestDatabase(kind)));
  afterAll(() => t?.close());

  let n = 0;
  const message = (customerId: string, guard: MessageGuard | undefined, journeyId = 'j1'): OutgoingMessage => ({
    idempotencyKey: `${journeyId}-${customerId}-${++n}`,
    channel: 'sms',
    recipient: '13800001234',
    text: '双11 预热，领券立减',
    journeyId,
    journeyVersion: 1,
    nodeId: 'sms',
    customerId,
    guard,
  });
  const outboxWith = (messaging: Partial<MessagingSettings>) =>
    new Outbox(t.db, async () => ({ messaging: messagingSettingsSchema.parse(messaging), timezone: 'Asia/Shanghai' }));
  const row = (id: string) => t.db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  /** Whether Shanghai is inside 21:00–09:00 now: the test picks a window that does or does not contain now. */
  const shanghaiHour = Number(new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
  const windowAroundNow = { from: `${String(shanghaiHour).padStart(2, '0')}:00`, to: `${String((shanghaiHour + 2) % 24).padStart(2, '0')}:00` };
  const windowNotNow = { from: `${String((shanghaiHour + 3) % 24).padStart(2, '0')}:00`, to: `${String((shanghaiHour + 5) % 24).padStart(2, '0')}:00` };

  it('holds a marketing SMS in quiet hours until they end, and records why', async () => {
    const outbox = outboxWith({ quietHours: { ...windowAroundNow, mode: 'hold' } });
    const sent = await outbox.enqueue(message('q1', marketing()));
    expect(sent.status).toBe('held');
    const r = await row(sent.messageId);
    expect(r).toMatchObject({ status: 'queued', guard_reason: 'quiet-hours', category: 'marketing' });
    const hoursAhead = (r.next_attempt_at.getTime() - Date.now()) / 3_600_000;
    expect(hoursAhead).toBeGreaterThan(1);
    expect(hoursAhead).toBeLessThanOrEqual(2);
  });

  it('skips instead when the shop says skip, or the node overrides the shop', async () => {
    const skipShop = outboxWith({ quietHours: { ...windowAroundNow, mode: 'skip' } });
    expect((await skipShop.enqueue(message('q2', marketing()))).status).toBe('skipped_quiet_hours');
    const holdShop = outboxWith({ quietHours: { ...windowAroundNow, mode: 'hold' } });
    expect((await holdShop.enqueue(message('q3', marketing(5, 'skip')))).status).toBe('skipped_quiet_hours');
    expect((await holdShop.enqueue(message('q4', marketing(5, 'ignore')))).status).toBe('queued');
  });

  it('sends at once outside quiet hours, and transactional messages are never held', async () => {
    expect((await outboxWith({ quietHours: { ...windowNotNow, mode: 'hold' } }).enqueue(message('q5', marketing()))).status).toBe('queued');
    const inside = outboxWith({ quietHours: { ...windowAroundNow, mode: 'skip' } });
    const transactional = await inside.enqueue(message('q6', undefined));
    expect(transactional.status).toBe('queued');
    expect((await row(transactional.messageId)).category).toBe('transactional');
  });

  it('caps the second marketing SMS of the day across two journeys and records the capped send', async () => {
    const outbox = outboxWith({ frequencyCaps: [{ channel: 'sms', max: 1, within: 'P1D' }] });
    const first = await outbox.enqueue(message('c1', marketing(5), 'welcome'));
    const second = await outbox.enqueue(message('c1', marketing(5), 'double11'));
    expect([first.status, second.status]).toEqual(['queued', 'capped']);
    expect((await row(second.messageId)).guard_reason).toBe('frequency cap: at most 1 sms per P1D');
    // Another customer has their own cap; a transactional message is not counted.
    expect((await outbox.enqueue(message('c2', marketing(5), 'double11'))).status).toBe('queued');
    expect((await outbox.enqueue(message('c1', undefined, 'payment'))).status).toBe('queued');
  });

  it('lets the higher-priority journey win: its message takes the place of a pending lower one', async () => {
    const outbox = outboxWith({ frequencyCaps: [{ channel: 'sms', max: 1, within: 'P1D' }] });
    const low = await outbox.enqueue(message('p1', marketing(2), 'newsletter'));
    const high = await outbox.enqueue(message('p1', marketing(8), 'winback'));
    expect(high.status).toBe('queued');
    expect(await row(low.messageId)).toMatchObject({ status: 'capped' });
    expect((await row(low.messageId)).guard_reason).toMatch(/higher priority/);
    // Once sent, a message keeps its place even against a higher priority.
    await t.db.updateTable('messages').set({ status: 'sent', sent_at: new Date() }).where('id', '=', high.messageId).execute();
    expect((await outbox.enqueue(message('p1', marketing(10), 'vip'))).status).toBe('capped');
  });

  it('a retried send keeps its first decision and is not counted twice', async () => {
    const outbox = outboxWith({ frequencyCaps: [{ channel: 'sms', max: 1, within: 'P1D' }] });
    const m = message('r1', marketing());
    const first = await outbox.enqueue(m);
    const retry = await outbox.enqueue(m);
    expect(retry).toEqual({ messageId: first.messageId, duplicate: true, status: 'queued' });
  });

  it('paces a journey to its send rate: two a minute, the rest in the following minutes', async () => {
    const outbox = outboxWith({});
    const journeyId = `rate-${kind}`;
    const at = Date.parse('2030-01-01T02:00:30Z');
    const results = [];
    for (let i = 0; i < 5; i++) {
      const m = { ...message(`r${i}`, { ...marketing(), sendRate: { max: 2, per: 'PT1M' } }, journeyId), at };
      results.push(await outbox.enqueue(m));
    }
    const rows = await Promise.all(results.map((r) => row(r.messageId)));
    expect(results.map((r) => r.status)).toEqual(['queued', 'queued', 'held', 'held', 'held']);
    expect(rows.map((r) => r.guard_reason)).toEqual([null, null, 'send-rate', 'send-rate', 'send-rate']);
    expect(rows.slice(2).map((r) => r.next_attempt_at.toISOString())).toEqual([
      '2030-01-01T02:01:00.000Z',
      '2030-01-01T02:01:00.000Z',
      '2030-01-01T02:02:00.000Z',
    ]);
    // Another journey has its own pace.
    expect((await outbox.enqueue({ ...message('r9', { ...marketing(), sendRate: { max: 2, per: 'PT1M' } }, `${journeyId}-other`), at })).status).toBe('queued');
  });
});
