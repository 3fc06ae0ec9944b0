import { sql, type Transaction } from 'kysely';
import { isGuarded, type DispatchResult, type OutgoingMessage, type RateWindow } from '../../engine/index';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import {
  guardNeeds,
  planBatch,
  windowKey,
  type BatchPlan,
  type BatchReads,
  type GuardNeeds,
  type ShopGuard,
  type StoredCounted,
  type StoredKey,
} from './outbox-batch-plan';
import { countedStatuses, type GuardSettings } from './outbox-guard';
import { unsubscribedPairs } from '../customers/consent';
import { asksConsent, initialStatus, withShopOptOut, type TaskStatus } from './outbox-row';

/**
 * Many messages into the outbox at once, as `Outbox.enqueue` would put them one after the other.
 * It exists because a cohort sends to a thousand customers at a time, and one message at a time
 * costs a round trip per statement per message (≈ 0.75 ms each on the embedded database, the
 * main cost of a broadcast's sends). Here a batch is one transaction of a fixed handful of
 * statements: the stored keys, the locks (the same keys `applyGuardrails` takes, all the journeys'
 * rate locks then all the customers' cap locks, each in the order of their hash, so batches and
 * lone sends cannot deadlock), the counted sends, the newest rate windows; then the decisions in
 * memory (outbox-batch-plan.ts); then the rate places, the displaced messages and the rows.
 */

/** Messages per transaction: about 17 parameters each, far below PostgreSQL's 65,535 a statement. */
export const outboxBatchSize = 500;

export async function enqueueBatch(
  db: Db,
  messages: readonly OutgoingMessage[],
  guardSettings: GuardSettings | undefined,
  taskStatus: TaskStatus = 'open',
): Promise<DispatchResult[]> {
  const results: DispatchResult[] = [];
  for (let i = 0; i < messages.length; i += outboxBatchSize)
    results.push(...(await enqueueChunk(db, messages.slice(i, i + outboxBatchSize), guardSettings, taskStatus)));
  return results;
}

async function enqueueChunk(
  db: Db,
  given: readonly OutgoingMessage[],
  guardSettings: GuardSettings | undefined,
  taskStatus: TaskStatus,
): Promise<DispatchResult[]> {
  if (given.length === 0) return [];
  // Consent first, as `enqueue` reads it: before the guardrails, outside their transaction.
  const asking = given.filter(asksConsent);
  const unsubscribed = asking.length === 0 ? new Set<string>() : await unsubscribedPairs(db, asking);
  const guarded = guardSettings !== undefined && given.some((m) => initialStatus(m, unsubscribed) === 'queued' && isGuarded(m.guard));
  const shop: ShopGuard | undefined = guarded ? await guardSettings() : undefined;
  // The opt-out text on marketing SMS the guardrails look at, as `enqueue` adds it.
  const messages = given.map((m) => (shop && initialStatus(m, unsubscribed) === 'queued' ? withShopOptOut(m, shop.optOutText) : m));
  return db.transaction().execute(async (tx) => {
    const keys = [...new Set(messages.map((m) => m.idempotencyKey))];
    const stored = await storedKeys(tx, keys);
    const needs = guardNeeds(messages, stored, shop, unsubscribed);
    const clock = await lock(tx, needs);
    const counted = await countedSends(tx, needs.pairs);
    const windows = await newestRateWindows(tx, needs.windows);
    const plan = planBatch(messages, { stored, counted, windows, clock, unsubscribed }, shop, Date.now, taskStatus);
    await takeRateSlots(tx, plan.rateSlots);
    await capDisplaced(tx, plan.displaced);
    return insertRows(tx, plan);
  });
}

async function storedKeys(tx: Transaction<Database>, keys: string[]): Promise<StoredKey[]> {
  return tx.selectFrom('messages').select(['id', 'idempotency_key', 'status']).where('idempotency_key', 'in', keys).execute();
}

/**
 * Takes every lock of the batch in one statement and reads the transaction's clock. The ordered
 * subquery is not flattened, so the locks are taken in its order: rate locks first (a lone send
 * takes its rate lock before its cap lock), then by hash, the key the lock really is.
 */
async function lock(tx: Transaction<Database>, needs: GuardNeeds): Promise<BatchReads['clock']> {
  const keys = [...needs.rateLocks, ...needs.capLocks];
  if (keys.length === 0) return undefined;
  const groups = keys.map((_, i) => (i < needs.rateLocks.length ? 0 : 1));
  const { rows } = await sql<{ now: Date; now_us: string | number | bigint }>`
    select now() as now, (extract(epoch from now()) * 1000000)::bigint as now_us
    from (select pg_advisory_xact_lock(o.h) from (
      select distinct t.g, hashtext(t.k) as h from unnest(${groups}::int[], ${keys}::text[]) as t(g, k) order by t.g, h
    ) as o) as l`.execute(tx);
  const first = rows[0]!;
  return { ms: first.now.getTime(), us: Number(first.now_us) };
}

/** The counted sends of every customer and channel of the batch, locked, as countedSends reads one. */
async function countedSends(tx: Transaction<Database>, pairs: GuardNeeds['pairs']): Promise<StoredCounted[]> {
  if (pairs.length === 0) return [];
  const { rows } = await sql<Omit<StoredCounted, 'created_us'> & { created_us: string | number | bigint }>`
    select m.id, m.idempotency_key, m.status, m.customer_id, m.channel, m.priority, m.created_at, m.sent_at, m.next_attempt_at,
      (extract(epoch from m.created_at) * 1000000)::bigint as created_us
    from messages m
    join unnest(${pairs.map((p) => p.customerId)}::text[], ${pairs.map((p) => p.channel)}::text[], ${pairs.map((p) => new Date(p.since).toISOString())}::timestamptz[])
      as p(customer_id, channel, since)
      on m.customer_id = p.customer_id and m.channel = p.channel and m.created_at > p.since
    where m.category = 'marketing' and m.status in (${sql.join(countedStatuses)})
    for update of m`.execute(tx);
  return rows.map((r) => ({ ...r, created_us: Number(r.created_us) }));
}

async function newestRateWindows(tx: Transaction<Database>, wanted: GuardNeeds['windows']): Promise<Map<string, RateWindow>> {
  if (wanted.length === 0) return new Map();
  const { rows } = await sql<{ journey_id: string; window_ms: string; window_start: string; sent: number }>`
    select distinct on (w.journey_id, w.window_ms) w.journey_id, w.window_ms, w.window_start, w.sent
    from journey_send_windows w
    join unnest(${wanted.map((w) => w.journeyId)}::text[], ${wanted.map((w) => String(w.windowMs))}::bigint[]) as p(journey_id, window_ms)
      on w.journey_id = p.journey_id and w.window_ms = p.window_ms
    order by w.journey_id, w.window_ms, w.window_start desc`.execute(tx);
  return new Map(rows.map((r) => [windowKey(r.journey_id, Number(r.window_ms)), { start: Number(r.window_start), sent: r.sent }]));
}

async function takeRateSlots(tx: Transaction<Database>, slots: BatchPlan['rateSlots']): Promise<void> {
  if (slots.length === 0) return;
  await tx
    .insertInto('journey_send_windows')
    .values(slots.map((s) => ({ journey_id: s.journeyId, window_ms: s.windowMs, window_start: s.start, sent: s.sent })))
    .onConflict((oc) =>
      oc.columns(['journey_id', 'window_ms', 'window_start']).doUpdateSet((eb) => ({ sent: eb('journey_send_windows.sent', '+', eb.ref('excluded.sent')) })),
    )
    .execute();
}

async function capDisplaced(tx: Transaction<Database>, displaced: BatchPlan['displaced']): Promise<void> {
  if (displaced.length === 0) return;
  const column = <K extends keyof BatchPlan['displaced'][number]>(k: K) => displaced.map((d) => d[k]);
  await sql`
    update messages as m set status = v.status, guard_reason = v.guard_reason, reason_code = v.reason_code, reason_params = v.reason_params::jsonb
    from unnest(${column('id')}::text[], ${column('status')}::text[], ${column('guard_reason')}::text[], ${column('reason_code')}::text[], ${column('reason_params')}::text[])
      as v(id, status, guard_reason, reason_code, reason_params)
    where m.id = v.id and m.status = 'queued'`.execute(tx);
}

/**
 * Inserts the batch's rows in one statement, in the order of their keys (two batches inserting the
 * same keys wait for each other in one order), and answers each message as `enqueue` would. A key
 * the insert did not return was stored meanwhile by a concurrent send: its row is the answer.
 */
async function insertRows(tx: Transaction<Database>, plan: BatchPlan): Promise<DispatchResult[]> {
  const rows = [...plan.inserts].sort((a, b) => (a.idempotency_key < b.idempotency_key ? -1 : a.idempotency_key > b.idempotency_key ? 1 : 0));
  const inserted =
    rows.length === 0
      ? []
      : await tx
          .insertInto('messages')
          .values(rows)
          .onConflict((oc) => oc.column('idempotency_key').doNothing())
          .returning(['idempotency_key', 'id'])
          .execute();
  const ids = new Map(inserted.map((r) => [r.idempotency_key, r.id]));
  const lost = rows.map((r) => r.idempotency_key).filter((k) => !ids.has(k));
  const theirs = new Map((lost.length === 0 ? [] : await storedKeys(tx, lost)).map((r) => [r.idempotency_key, r]));
  return plan.outcomes.map(({ row, duplicate, status }) => {
    if (row.storedId !== undefined) return { messageId: row.storedId, duplicate, status };
    const key = plan.inserts[row.insert!]!.idempotency_key;
    const id = ids.get(key);
    if (id === undefined) {
      const stored = theirs.get(key)!;
      return { messageId: stored.id, duplicate: true, status: stored.status };
    }
    return { messageId: id, duplicate, status };
  });
}
