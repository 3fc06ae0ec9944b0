import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messagingSettingsSchema, type DispatchResult, type MessagingSettings, type OutgoingMessage } from '../../engine/index';
import type { Db } from '../../server/db/database';
import { Outbox } from '../../server/messaging/outbox';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases';
import { outboxMix, type OutboxMix } from '../support/outbox-mix';

const runs = Number(process.env.HUITOU_OUTBOX_BATCH_RUNS ?? 40);
const seed = process.env.HUITOU_FUZZ_SEED;

/** A message row as the comparison sees it: every column the outbox writes, the generated id left out. */
async function rowsOf(db: Db, scope: string) {
  const rows = await db.selectFrom('messages').selectAll().where('customer_id', 'like', `${scope}%`).orderBy('idempotency_key').execute();
  return rows.map(({ id: _id, claimed_at: _c, next_attempt_at, created_at, sent_at, ...r }) => ({
    ...r,
    created_at: created_at.toISOString(),
    sent_at: sent_at?.toISOString() ?? null,
    // Not held and not waiting: due when stored, by the database's clock (each run its own).
    next_attempt_at: next_attempt_at.getTime() > Date.parse('2029-01-01') ? next_attempt_at.toISOString() : 'when stored',
  }));
}

async function windowsOf(db: Db, scope: string) {
  return db
    .selectFrom('journey_send_windows')
    .selectAll()
    .where('journey_id', 'like', `${scope}%`)
    .orderBy('journey_id')
    .orderBy('window_ms')
    .orderBy('window_start')
    .execute();
}

/** Each answer with the row it names by key (ids are generated, keys are the messages' own). */
async function answersOf(db: Db, results: readonly DispatchResult[]) {
  const ids = results.map((r) => r.messageId);
  const keys = new Map(
    (await db.selectFrom('messages').select(['id', 'idempotency_key']).where('id', 'in', ids).execute()).map((r) => [r.id, r.idempotency_key]),
  );
  return results.map(({ messageId, ...r }) => ({ ...r, row: keys.get(messageId) }));
}

/** The same shop settings and the same rows stored before, on one database. */
async function prepare(db: Db, mix: OutboxMix): Promise<Outbox> {
  const outbox = new Outbox(db, async () => ({ messaging: messagingSettingsSchema.parse(mix.messaging), timezone: 'Asia/Shanghai' }));
  for (const m of mix.before) await outbox.enqueue(m);
  if (mix.sentBefore.length > 0) {
    await db
      .updateTable('messages')
      .set((eb) => ({ status: 'sent', sent_at: eb.ref('created_at') }))
      .where('idempotency_key', 'in', mix.sentBefore)
      .execute();
  }
  return outbox;
}

describe.each(databaseKinds)('outbox batch on %s', (kind) => {
  let one: TestDatabase;
  let many: TestDatabase;
  beforeAll(async () => void ([one, many] = await Promise.all([openTestDatabase(kind), openTestDatabase(kind)])));
  afterAll(() => Promise.all([one?.close(), many?.close()]));

  it('enqueueMany gives what enqueue gives one message after the other: answers, rows, displaced messages, rate windows', async () => {
    let seen = { held: 0, capped: 0, gaveWay: 0, duplicates: 0, skipped: 0, rateHeld: 0 };
    await fc.assert(
      fc.asyncProperty(outboxMix, async (mix) => {
        const [lone, batch] = await Promise.all([prepare(one.db, mix), prepare(many.db, mix)]);
        const alone: DispatchResult[] = [];
        for (const m of mix.batch) alone.push(await lone.enqueue(m));
        const together = await batch.enqueueMany(mix.batch);
        expect(await answersOf(many.db, together)).toEqual(await answersOf(one.db, alone));
        const rows = await rowsOf(one.db, mix.scope);
        expect(await rowsOf(many.db, mix.scope)).toEqual(rows);
        expect(await windowsOf(many.db, mix.scope)).toEqual(await windowsOf(one.db, mix.scope));
        seen = {
          held: seen.held + alone.filter((r) => r.status === 'held').length,
          capped: seen.capped + alone.filter((r) => r.status === 'capped').length,
          gaveWay: seen.gaveWay + rows.filter((r) => r.reason_code === 'gave_way').length,
          duplicates: seen.duplicates + alone.filter((r) => r.duplicate).length,
          skipped: seen.skipped + alone.filter((r) => r.status?.startsWith('skipped')).length,
          rateHeld: seen.rateHeld + rows.filter((r) => r.reason_code === 'send_rate').length,
        };
      }),
      { numRuns: runs, endOnFailure: true, ...(seed ? { seed: Number(seed) } : {}) },
    );
    // The mixes are meant to reach every guardrail; if they stopped doing so this would prove little.
    for (const [what, n] of Object.entries(seen)) expect(n, what).toBeGreaterThan(0);
  }, 180_000);

  it('a batch of none is nothing, and a message without `at` is stored as enqueue stores it', async () => {
    const outbox = new Outbox(many.db, async () => ({
      messaging: messagingSettingsSchema.parse({ frequencyCaps: [{ channel: 'sms', max: 1, within: 'P1D' }] }),
      timezone: 'Asia/Shanghai',
    }));
    expect(await outbox.enqueueMany([])).toEqual([]);
    const m = (key: string, priority: number): OutgoingMessage => ({
      idempotencyKey: key,
      channel: 'sms',
      recipient: '13800001234',
      text: 'hi',
      journeyId: 'j-now',
      journeyVersion: 1,
      nodeId: 'sms',
      customerId: `now-${kind}`,
      guard: { category: 'marketing', priority, quietHours: 'ignore' },
    });
    const [low, high, again] = await outbox.enqueueMany([m('now-1', 2), m('now-2', 8), m('now-1', 2)]);
    expect([low?.status, high?.status, again]).toEqual(['queued', 'queued', { messageId: low?.messageId, duplicate: true, status: 'capped' }]);
    const lowRow = await many.db.selectFrom('messages').selectAll().where('id', '=', low!.messageId).executeTakeFirstOrThrow();
    expect(lowRow).toMatchObject({ status: 'capped', reason_code: 'gave_way', reason_params: { journeyId: 'j-now', priority: 8 } });
    expect(Math.abs(lowRow.created_at.getTime() - Date.now())).toBeLessThan(600_000);
  });

  it('splits a batch larger than one transaction and answers every message in order', async () => {
    const outbox = new Outbox(many.db);
    const messages = Array.from({ length: 1203 }, (_, i) => ({
      idempotencyKey: `big-${kind}-${i % 1100}`,
      channel: i % 7 === 0 ? 'task' : 'sms',
      recipient: i % 11 === 0 ? null : '13800001234',
      text: `m${i}`,
      journeyId: 'big',
      journeyVersion: 1,
      nodeId: 'sms',
      customerId: `big-${i % 1100}`,
    }));
    const results = await outbox.enqueueMany(messages);
    expect(results).toHaveLength(1203);
    expect(results.filter((r) => r.duplicate)).toHaveLength(103);
    expect(results[1100]).toEqual({ ...results[0], duplicate: true });
    expect(results.slice(0, 12).map((r) => r.status)).toEqual([
      'skipped_no_recipient',
      ...Array(6).fill('queued'),
      'open',
      'queued',
      'queued',
      'queued',
      'skipped_no_recipient',
    ]);
  });
});

describe('outbox batches alongside lone sends on postgresql', () => {
  let t: TestDatabase;
  beforeAll(async () => void (t = await openTestDatabase('postgresql')));
  afterAll(() => t?.close());

  it('keeps every cap and send rate with batches and lone sends for the same customers at once, without deadlock', async () => {
    const messaging: Partial<MessagingSettings> = { frequencyCaps: [{ channel: 'sms', max: 2, within: 'P1D' }] };
    const outbox = new Outbox(t.db, async () => ({ messaging: messagingSettingsSchema.parse(messaging), timezone: 'Asia/Shanghai' }));
    const at = Date.now();
    const customers = Array.from({ length: 12 }, (_, i) => `race-${i}`);
    let n = 0;
    const message = (customerId: string, journeyId: string): OutgoingMessage => ({
      idempotencyKey: `${journeyId}/${customerId}/${++n}`,
      channel: 'sms',
      recipient: '13800001234',
      text: journeyId,
      journeyId,
      journeyVersion: 1,
      nodeId: 'sms',
      customerId,
      guard: { category: 'marketing', priority: 1 + (n % 10), quietHours: 'ignore', sendRate: { max: 5, per: 'PT1M' } },
      at: at + n,
    });
    // Each batch and each lone send walks the customers in its own order, over journeys in its own order.
    const shuffled = (k: number) => customers.map((_, i) => customers[(i * (k + 5)) % customers.length]!);
    const batches = Array.from({ length: 6 }, (_, k) => shuffled(k).flatMap((c) => [message(c, `race-j${k % 3}`), message(c, `race-j${(k + 1) % 3}`)]));
    const lone = Array.from({ length: 24 }, (_, k) => message(customers[(k * 7) % customers.length]!, `race-j${k % 3}`));
    const results = await Promise.all([...batches.map((b) => outbox.enqueueMany(b)), ...lone.map((m) => outbox.enqueue(m))]);
    expect(results.flat()).toHaveLength(6 * 24 + 24);

    const counted = await t.db
      .selectFrom('messages')
      .select(['customer_id', (eb) => eb.fn.countAll<string>().as('n')])
      .where('customer_id', 'like', 'race-%')
      .where('status', '=', 'queued')
      .groupBy('customer_id')
      .execute();
    expect(Math.max(...counted.map((c) => Number(c.n)))).toBeLessThanOrEqual(2);
    expect(counted).toHaveLength(customers.length);
    const windows = await t.db.selectFrom('journey_send_windows').selectAll().where('journey_id', 'like', 'race-%').execute();
    expect(Math.max(...windows.map((w) => w.sent))).toBeLessThanOrEqual(5);
    // Every message took one place in its journey's pace, whoever decided it.
    expect(windows.reduce((sum, w) => sum + w.sent, 0)).toBe(6 * 24 + 24);
  });
});
