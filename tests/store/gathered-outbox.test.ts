import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../../engine/index';
import { Outbox } from '../../server/messaging/outbox';
import { GatheredOutbox } from '../../server/worker/gathered-outbox';
import { openTestDatabase, type TestDatabase } from '../support/databases';
import { uniqueId } from '../support/journeys';

/** The outbox a cohort's members share: messages sent side by side are stored in one batch, each answered for itself. */
describe('the gathered outbox', () => {
  let t: TestDatabase;
  beforeAll(async () => void (t = await openTestDatabase('embedded')));
  afterAll(() => t?.close());

  const message = (key: string, customerId: string): OutgoingMessage => ({
    idempotencyKey: key,
    channel: 'sms',
    recipient: '13800001234',
    text: '双十一第一波',
    journeyId: 'j-gathered',
    journeyVersion: 1,
    nodeId: 'send',
    customerId,
  });

  /** The real outbox, its batches recorded as they are asked for. */
  const recorded = () => {
    const outbox = new Outbox(t.db);
    const batches: number[] = [];
    const enqueueMany = outbox.enqueueMany.bind(outbox);
    return {
      batches,
      outbox: {
        enqueueMany: (messages: readonly OutgoingMessage[]) => {
          batches.push(messages.length);
          return enqueueMany(messages);
        },
      },
    };
  };

  it('stores the messages of members running side by side in one batch, answering each with its own row', async () => {
    const { batches, outbox } = recorded();
    const gathered = new GatheredOutbox(outbox);
    const run = uniqueId('run');
    const keys = Array.from({ length: 50 }, (_, i) => `${run}/m${i}`);
    const results = await Promise.all(keys.map((k, i) => gathered.enqueue(message(k, `c${i}`))));
    expect(batches).toEqual([50]);
    const rows = await t.db.selectFrom('messages').select(['id', 'idempotency_key', 'customer_id']).where('idempotency_key', 'in', keys).execute();
    const idOf = new Map(rows.map((r) => [r.idempotency_key, r.id]));
    expect(results.map((r) => r.messageId)).toEqual(keys.map((k) => idOf.get(k)));
    expect(results.every((r) => r.status === 'queued' && !r.duplicate)).toBe(true);

    // A member's retry, alone later, finds its message stored: a duplicate, in a batch of its own.
    const again = await gathered.enqueue(message(keys[7]!, 'c7'));
    expect(again).toEqual({ messageId: idOf.get(keys[7]!), duplicate: true, status: 'queued' });
    expect(batches).toEqual([50, 1]);
  });

  it('fails every member of a batch that could not be stored, and stores nothing of it', async () => {
    const { outbox } = recorded();
    const gathered = new GatheredOutbox(outbox);
    const run = uniqueId('run');
    // A text the database refuses (a NUL byte) fails the batch's one transaction.
    const bad = { ...message(`${run}/bad`, 'c-bad'), text: 'a\u0000b' };
    const outcomes = await Promise.allSettled([gathered.enqueue(message(`${run}/ok`, 'c-ok')), gathered.enqueue(bad)]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    const rows = await t.db.selectFrom('messages').select('id').where('idempotency_key', 'like', `${run}/%`).execute();
    expect(rows).toEqual([]);
  });
});
