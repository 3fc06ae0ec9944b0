import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../server/messaging/outbox';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases';

describe.each(databaseKinds)('outbox on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => void (t = await openTestDatabase(kind)));
  afterAll(() => t?.close());

  const message = (key: string, recipient: string | null = '13800001234', channel = 'sms') => ({
    idempotencyKey: key,
    channel,
    recipient,
    text: '您的订单还未付款',
    journeyId: 'j1',
    journeyVersion: 2,
    nodeId: 'sms',
    customerId: 'c1',
  });

  it('stores a message once per idempotency key', async () => {
    const outbox = new Outbox(t.db);
    const first = await outbox.enqueue(message('k-1'));
    const again = await outbox.enqueue({ ...message('k-1'), text: 'a retry renders the same text or not; it is not sent twice' });
    expect(first.duplicate).toBe(false);
    expect(again).toEqual({ messageId: first.messageId, duplicate: true, status: 'queued' });
    const rows = await outbox.list({ customerId: 'c1' });
    expect(rows.filter((r) => r.idempotencyKey === 'k-1')).toHaveLength(1);
    expect(rows.find((r) => r.idempotencyKey === 'k-1')).toMatchObject({ status: 'queued', text: '您的订单还未付款', journeyVersion: 2 });
  });

  it('records a message without a recipient as skipped and a task as open', async () => {
    const outbox = new Outbox(t.db);
    await outbox.enqueue(message('k-2', null));
    await outbox.enqueue(message('k-3', 'staff', 'task'));
    const byKey = new Map((await outbox.list({ journeyId: 'j1' })).map((r) => [r.idempotencyKey, r.status]));
    expect(byKey.get('k-2')).toBe('skipped_no_recipient');
    expect(byKey.get('k-3')).toBe('open');
  });

  it('keeps concurrent sends with one key to one row', async () => {
    const outbox = new Outbox(t.db);
    const results = await Promise.all(Array.from({ length: 8 }, () => outbox.enqueue(message('k-race'))));
    expect(new Set(results.map((r) => r.messageId)).size).toBe(1);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
  });
});
