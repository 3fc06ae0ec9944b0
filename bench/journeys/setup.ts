import { sql } from 'kysely';
import type { Journey } from '../../engine/index';
import type { Db } from '../../server/db/database';
import { storeDerivedFacts } from '../../server/facts/stored-derived';
import type { BenchStack } from './stack';

export const SHOP_ZONE = 'Asia/Shanghai';

/** Transactional so neither quiet hours nor frequency caps hold it: the bench measures the run, not the clock. */
export const messageConfig = { channel: 'sms', template: '{{customer.name}}，您好，双十一活动开始了', transactional: true } as const;

/** trigger.broadcast (to `audience` at `at`, shop time) → SMS → wait a day → exit: a wave whose customers all stay waiting. */
export function broadcastThenWait(id: string, at: string, audience: Record<string, unknown> = { all: [] }): Journey {
  return {
    schemaVersion: 1,
    id,
    name: id,
    status: 'draft',
    version: 0,
    nodes: [
      { id: 'trigger', type: 'trigger.broadcast', config: { at, audience, ratePerMinute: 0 } },
      { id: 'send', type: 'message.send', config: { ...messageConfig } },
      { id: 'wait', type: 'wait', config: { duration: 'P1D' } },
      { id: 'done', type: 'exit', config: {} },
    ],
    edges: [
      { from: 'trigger', port: 'next', to: 'send' },
      { from: 'send', port: 'next', to: 'wait' },
      { from: 'wait', port: 'next', to: 'done' },
    ],
    settings: { timezone: SHOP_ZONE, reEntry: 'never', priority: 5, exitWhen: [] },
    layout: { positions: {} },
  };
}

/** trigger → wait → SMS → exit. */
export function threeStepJourney(id: string, trigger: { type: string; config: Record<string, unknown> }, wait: string): Journey {
  return {
    schemaVersion: 1,
    id,
    name: id,
    status: 'draft',
    version: 0,
    nodes: [
      { id: 'trigger', ...trigger },
      { id: 'wait', type: 'wait', config: { duration: wait } },
      { id: 'send', type: 'message.send', config: messageConfig },
      { id: 'done', type: 'exit', config: {} },
    ],
    edges: [
      { from: 'trigger', port: 'next', to: 'wait' },
      { from: 'wait', port: 'next', to: 'send' },
      { from: 'send', port: 'next', to: 'done' },
    ],
    settings: { timezone: SHOP_ZONE, reEntry: 'never', priority: 5, exitWhen: [] },
    layout: { positions: {} },
  };
}

/** Creates and publishes through the API, as the designer does; returns the publish answer. */
export async function publish(stack: BenchStack, journey: Journey): Promise<any> {
  const created = await stack.api('/api/journeys', journey);
  if (created.status !== 201) throw new Error(`creating ${journey.id}: ${created.status} ${JSON.stringify(created.body)}`);
  const published = await stack.api(`/api/journeys/${journey.id}/publish`, {});
  if (published.status !== 200) throw new Error(`publishing ${journey.id}: ${published.status} ${JSON.stringify(published.body)}`);
  return published.body;
}

/**
 * `count` customers `<prefix>000001…` with a name and a (synthetic) phone, inserted in one
 * set-based statement like bench/facts; with `facts`, a snapshot row each so audiences can select them
 * (its `lifecycleStage`, `active` or `lost`, is what the row gives).
 */
export async function insertCustomers(db: Db, prefix: string, count: number, facts?: Record<string, unknown>): Promise<string[]> {
  // Six digits at least, and as many as the largest number has (lpad would cut 1,000,000 to 100000).
  const width = Math.max(6, String(count).length);
  const id = sql`${prefix} || lpad(i::text, ${width}::int, '0')`;
  await sql`insert into customers (id, name, phone, attributes)
    select ${id}, '客户' || i, '139' || lpad(i::text, 8, '0'), '{}'::jsonb from generate_series(1, ${count}) as i`.execute(db);
  if (facts) {
    // The snapshot stores day-stable values and derives the stage (migration 0008-day-stable-facts):
    // a last order yesterday is `active`, 200 days ago `lost` (default windows 45 / 90 / 140 days).
    const daysAgo = facts.lifecycleStage === 'lost' ? 200 : 1;
    await sql`insert into customer_fact_rows (customer_id, as_of, order_count, total_cents, frequency, monetary_cents, first_at, last_at, tier)
      select ${id}, now(), 1, 0, 1, 0, now() - ${daysAgo}::int * interval '1 day', now() - ${daysAgo}::int * interval '1 day', 'ordinary'
      from generate_series(1, ${count}) as i`.execute(db);
    await storeDerivedFacts(db);
  }
  return Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(width, '0')}`);
}

/** Enrolments of a journey by status. */
export async function enrolmentCounts(db: Db, journeyId: string): Promise<{ active: number; completed: number }> {
  const rows = await db
    .selectFrom('enrolments')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('journey_id', '=', journeyId)
    .groupBy('status')
    .execute();
  const of = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
  return { active: of('active'), completed: of('completed') };
}

/** Polls until `done` answers true (every `everyMs`), or throws after `timeoutMs`. */
export async function until(what: string, done: () => Promise<boolean>, timeoutMs: number, everyMs = 200): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await done())) {
    if (performance.now() > deadline) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
