import {
  countedSince,
  decideGuard,
  durationToMs,
  isGuarded,
  type CountedSend,
  type MessagingSettings,
  type OutgoingMessage,
  type RateWindow,
} from '../../engine/index';
import { capLockKey, countedSendOf, countedStatuses, rateLockKey } from './outbox-guard';
import { gaveWayTo, initialStatus, newMessageRow, type NewMessageRow, type TaskStatus } from './outbox-row';

/**
 * A batch of messages decided in memory, in order, as `Outbox.enqueue` would decide them one after
 * the other: each message sees the rows the ones before it stored, capped or displaced, and the
 * send-rate windows as they left them. Pure — outbox-batch.ts reads what it needs first and
 * writes what it gives after, in a few statements for the whole batch.
 */

export interface ShopGuard {
  messaging: MessagingSettings;
  timezone: string;
  optOutText?: string | undefined;
}

/** A stored row whose idempotency key a message of the batch carries. */
export interface StoredKey {
  id: string;
  idempotency_key: string;
  status: string;
}

/** A stored marketing message counted against a customer's caps on a channel (as countedSends reads it). */
export interface StoredCounted extends StoredKey {
  customer_id: string;
  channel: string;
  priority: number;
  created_at: Date;
  /** created_at in microseconds: the database compares it to `since` at that precision. */
  created_us: number;
  sent_at: Date | null;
  next_attempt_at: Date;
}

/** What the batch must lock and read before it decides. */
export interface GuardNeeds {
  /** Lock keys, the journeys' rate locks before the customers' cap locks (as `applyGuardrails` takes them). */
  rateLocks: string[];
  capLocks: string[];
  /** Per customer and channel with a cap: counted sends created after `since` (the earliest any of its messages needs). */
  pairs: Array<{ customerId: string; channel: string; since: number }>;
  /** Per journey and window length: the newest send-rate window. */
  windows: Array<{ journeyId: string; windowMs: number }>;
}

export interface BatchReads {
  stored: readonly StoredKey[];
  counted: readonly StoredCounted[];
  windows: ReadonlyMap<string, RateWindow>;
  /** The transaction's clock (`now()`): a row stored without `at` or a hold is created and due then. */
  clock: { ms: number; us: number } | undefined;
  /** The batch's customer–channel pairs that unsubscribed (consentKey): their marketing messages are skipped. */
  unsubscribed?: ReadonlySet<string>;
}

/** A row the plan knows: stored before the batch, or one it inserts (index into `inserts`). */
export interface PlanRow {
  status: string;
  storedId?: string;
  insert?: number;
}

export interface BatchPlan {
  /** The rows to insert, in message order, already capped where a later message of the batch displaced them. */
  inserts: NewMessageRow[];
  /** Stored messages a message of the batch took the place of, with the words of the one that did. */
  displaced: Array<ReturnType<typeof gaveWayTo> & { id: string }>;
  /** Places taken in send-rate windows, counted per window. */
  rateSlots: Array<{ journeyId: string; windowMs: number; start: number; sent: number }>;
  /** Per message: the row it stored or found, and what `enqueue` would have answered. */
  outcomes: Array<{ row: PlanRow; duplicate: boolean; status: string }>;
}

export const windowKey = (journeyId: string, windowMs: number): string => `${journeyId}\u0000${windowMs}`;
const pairKey = (customerId: string, channel: string): string => `${customerId}\u0000${channel}`;

/** The messages the guardrails look at: marketing ones about to be queued, whose key is not stored yet. */
function guardedOf(messages: readonly OutgoingMessage[], storedKeys: ReadonlySet<string>, shop: ShopGuard | undefined, unsubscribed: ReadonlySet<string>) {
  if (!shop) return [];
  return messages.flatMap((m) => {
    const guard = m.guard;
    return initialStatus(m, unsubscribed) === 'queued' && isGuarded(guard) && !storedKeys.has(m.idempotencyKey) ? [{ ...m, guard }] : [];
  });
}

export function guardNeeds(
  messages: readonly OutgoingMessage[],
  stored: readonly StoredKey[],
  shop: ShopGuard | undefined,
  unsubscribed: ReadonlySet<string> = new Set(),
  clock = Date.now,
): GuardNeeds {
  const guarded = guardedOf(messages, new Set(stored.map((s) => s.idempotency_key)), shop, unsubscribed);
  const rateLocks = new Set<string>();
  const capLocks = new Set<string>();
  const pairs = new Map<string, GuardNeeds['pairs'][number]>();
  const windows = new Map<string, GuardNeeds['windows'][number]>();
  for (const m of guarded) {
    if (m.guard.sendRate) {
      const windowMs = durationToMs(m.guard.sendRate.per);
      rateLocks.add(rateLockKey(m.journeyId));
      windows.set(windowKey(m.journeyId, windowMs), { journeyId: m.journeyId, windowMs });
    }
    // Read with the clock before the decision reads it, so the rows read cover every later `since`.
    const since = countedSince(shop!.messaging, m.channel, m.at ?? clock());
    if (since === null) continue;
    capLocks.add(capLockKey(m.customerId, m.channel));
    const key = pairKey(m.customerId, m.channel);
    const pair = pairs.get(key);
    if (!pair || since < pair.since) pairs.set(key, { customerId: m.customerId, channel: m.channel, since });
  }
  return { rateLocks: [...rateLocks], capLocks: [...capLocks], pairs: [...pairs.values()], windows: [...windows.values()] };
}

interface Counted {
  row: PlanRow;
  key: string;
  createdUs: number;
  send: CountedSend;
}

/** The order countedSends reads them in: created_at, then the key (collate "C"). */
const byCreation = (a: Counted, b: Counted) => a.createdUs - b.createdUs || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export function planBatch(
  messages: readonly OutgoingMessage[],
  reads: BatchReads,
  shop: ShopGuard | undefined,
  clock = Date.now,
  taskStatus: TaskStatus = 'open',
): BatchPlan {
  const plan: BatchPlan = { inserts: [], displaced: [], rateSlots: [], outcomes: [] };
  const rowsById = new Map<string, PlanRow>();
  const rowOf = (s: StoredKey) => rowsById.get(s.id) ?? rowsById.set(s.id, { status: s.status, storedId: s.id }).get(s.id)!;
  const counted = new Map<string, Counted[]>();
  const countedById = new Map<string, Counted>();
  const count = (pair: string, c: Counted) => {
    const list = counted.get(pair) ?? [];
    list.push(c);
    list.sort(byCreation);
    counted.set(pair, list);
    countedById.set(c.send.id, c);
  };
  for (const r of reads.counted)
    count(pairKey(r.customer_id, r.channel), { row: rowOf(r), key: r.idempotency_key, createdUs: r.created_us, send: countedSendOf(r) });
  // After the counted sends: their status was read under the locks, the keys' before them.
  const byKey = new Map<string, PlanRow>(reads.stored.map((s) => [s.idempotency_key, rowOf(s)]));
  const windows = new Map(reads.windows);
  const slots = new Map<string, BatchPlan['rateSlots'][number]>();

  for (const m of messages) {
    const known = byKey.get(m.idempotencyKey);
    if (known) {
      plan.outcomes.push({ row: known, duplicate: true, status: known.status });
      continue;
    }
    const initial = initialStatus(m, reads.unsubscribed, taskStatus);
    const guard = m.guard;
    if (initial !== 'queued' || !isGuarded(guard) || !shop) {
      const row = { status: initial, insert: plan.inserts.push(newMessageRow(m, initial)) - 1 };
      byKey.set(m.idempotencyKey, row);
      plan.outcomes.push({ row, duplicate: false, status: initial });
      continue;
    }
    const now = m.at ?? clock();
    const pair = pairKey(m.customerId, m.channel);
    const since = countedSince(shop.messaging, m.channel, now);
    const sinceUs = since === null ? 0 : new Date(since).getTime() * 1000;
    const counts =
      since === null ? [] : (counted.get(pair) ?? []).filter((c) => countedStatuses.includes(c.row.status) && c.createdUs > sinceUs).map((c) => c.send);
    const rate = guard.sendRate ? windowKey(m.journeyId, durationToMs(guard.sendRate.per)) : undefined;
    const decision = decideGuard({
      guard,
      channel: m.channel,
      messaging: shop.messaging,
      shopTimezone: shop.timezone,
      now,
      counted: counts,
      rateWindow: rate === undefined ? null : (windows.get(rate) ?? null),
    });
    if (decision.rateSlot && rate !== undefined) {
      const { windowMs, start } = decision.rateSlot;
      const newest = windows.get(rate);
      // Windows fill in order, so the place is in the newest window or opens the next one.
      windows.set(rate, newest?.start === start ? { start, sent: newest.sent + 1 } : { start, sent: 1 });
      const slotKey = `${rate}\u0000${start}`;
      const slot = slots.get(slotKey) ?? slots.set(slotKey, { journeyId: m.journeyId, windowMs, start, sent: 0 }).get(slotKey)!;
      slot.sent++;
    }
    for (const id of decision.displaced) {
      const gone = countedById.get(id)!;
      gone.row.status = 'capped';
      if (gone.row.storedId !== undefined) plan.displaced.push({ id: gone.row.storedId, ...gaveWayTo(m, guard) });
      else Object.assign(plan.inserts[gone.row.insert!]!, gaveWayTo(m, guard));
    }
    const insert = plan.inserts.push(newMessageRow(m, decision.status, decision)) - 1;
    const row = { status: decision.status, insert };
    byKey.set(m.idempotencyKey, row);
    plan.outcomes.push({ row, duplicate: false, status: decision.held ? 'held' : decision.status });
    if (since !== null && decision.status === 'queued') {
      // Counted as the stored row would be: due at its hold, or when the transaction stored it.
      const stored = reads.clock ?? { ms: clock(), us: clock() * 1000 };
      const created = m.at !== undefined ? new Date(m.at).getTime() * 1000 : stored.us;
      const send = {
        id: `\u0000${insert}`,
        at: decision.notBefore !== undefined ? new Date(decision.notBefore).getTime() : stored.ms,
        priority: guard.priority,
        pending: true,
      };
      count(pair, { row, key: m.idempotencyKey, createdUs: created, send });
    }
  }
  plan.rateSlots = [...slots.values()];
  return plan;
}
