// `npm run bench -- urgent`: a payment reminder keeps its timing while a large broadcast runs. On
// the embedded defaults (as `npm start`), a payment reminder (order.created → wait PT10S → SMS) is
// measured first with the worker idle (the baseline, same run), then while a broadcast to
// BENCH_URGENT_BUYERS customers (20,000; SMS then a one-day wait, so every journey stays open)
// runs. The figure: how long past its wait each reminder's SMS reached the outbox. Reminders run in
// the urgent lane, the broadcast in the bulk lane (engine/journey/lane.ts), each with its own worker.
//   BENCH_URGENT_BUYERS (20000)   BENCH_URGENT_MINUTES (10: the most the loaded phase runs)
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import type { Journey } from '../engine/index';
import { fromLocal, toLocal } from '../engine/time/zoned';
import { laneLimits } from '../server/worker/lane-budget';
import { broadcastThenWait, insertCustomers, messageConfig, publish, SHOP_ZONE } from './journeys/setup';
import { startBenchStack, type BenchStack } from './journeys/stack';
import type { BenchResult } from './run';

const note = (line: string) => console.error(`[urgent bench] ${line}`);
const n = (x: number) => x.toLocaleString('en');
const WAIT_MS = 10_000;
const load = () =>
  execFileSync('uptime', { encoding: 'utf8' })
    .trim()
    .replace(/^.*load/, 'load');

function whole(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const x = Number(value.replace(/[_,]/g, ''));
  if (!Number.isInteger(x) || x < 1) throw new Error(`${name} must be a whole number, not "${value}"`);
  return x;
}

/** order.created → wait 10 s → SMS → exit: the reminder's shape, its wait short enough to sample often. */
function reminder(): Journey {
  return {
    schemaVersion: 1,
    id: 'bench-urgent-reminder',
    name: 'bench-urgent-reminder',
    status: 'draft',
    version: 0,
    nodes: [
      { id: 'trigger', type: 'trigger.event', config: { eventType: 'order.created', perOrder: true } },
      { id: 'wait', type: 'wait', config: { duration: 'PT10S' } },
      { id: 'send', type: 'message.send', config: { ...messageConfig } },
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

/** Posts one order for a new customer; returns the instant its wait ends. */
async function order(stack: BenchStack, i: number): Promise<{ customerId: string; due: number }> {
  const customerId = `R-${String(i).padStart(6, '0')}`;
  const posted = Date.now();
  const event = {
    id: `bench-urgent-order-${i}`,
    type: 'order.created',
    customerId,
    occurredAt: new Date(posted).toISOString(),
    data: { orderId: `ord-${i}`, amount: 99, customer: { name: '王芳', phone: `137${String(i).padStart(8, '0')}` } },
  };
  const answer = await stack.api('/api/events', event);
  if (answer.status !== 202) throw new Error(`posting an order: ${answer.status}`);
  return { customerId, due: posted + WAIT_MS };
}

/** Delays past the wait (ms) of the given reminders, once each one's SMS is in the outbox. */
async function delays(stack: BenchStack, journeyId: string, sent: { customerId: string; due: number }[]): Promise<number[]> {
  const db = stack.huitou.context.db;
  const rows = await db
    .selectFrom('messages')
    .select(['customer_id', 'created_at'])
    .where('journey_id', '=', journeyId)
    .where(
      'customer_id',
      'in',
      sent.map((s) => s.customerId),
    )
    .execute();
  const at = new Map(rows.map((r) => [r.customer_id, new Date(r.created_at).getTime()]));
  return sent.flatMap((s) => (at.has(s.customerId) ? [at.get(s.customerId)! - s.due] : []));
}

function summary(ms: number[]): string {
  if (ms.length === 0) return 'none measured';
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! / 1000).toFixed(1);
  return `median ${at(0.5)} s, p90 ${at(0.9)} s, max ${at(1)} s (${ms.length} reminders)`;
}

export const urgentBenches = {
  async urgent(): Promise<BenchResult> {
    const buyers = whole('BENCH_URGENT_BUYERS', 20_000);
    const minutes = whole('BENCH_URGENT_MINUTES', 10);
    const stack = await startBenchStack();
    const lanes = laneLimits(stack.config.workerMemoryMb, stack.config.cohortSize);
    const figures: Record<string, string> = {
      machine: `${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory`,
      lanes: `budget ${n(stack.config.workerMemoryMb)} MB: urgent cache ${n(lanes.urgent.maxCachedWorkflows)}, ${lanes.urgent.maxConcurrentWorkflowTaskExecutions} workflow tasks; bulk cache ${n(lanes.bulk.maxCachedWorkflows)}, ${lanes.bulk.maxConcurrentWorkflowTaskExecutions} workflow tasks`,
      'load at start': load(),
    };
    try {
      const db = stack.huitou.context.db;
      const journey = reminder();
      await publish(stack, journey);

      // Baseline: the worker idle, one reminder every second.
      const idle: { customerId: string; due: number }[] = [];
      for (let i = 0; i < 10; i++) {
        idle.push(await order(stack, i));
        await new Promise((r) => setTimeout(r, 1000));
      }
      await new Promise((r) => setTimeout(r, WAIT_MS + 10_000));
      const idleDelays = await delays(stack, journey.id, idle);
      figures['delay past wait, worker idle'] = summary(idleDelays);
      note(`idle: ${summary(idleDelays)}`);

      note(`inserting ${n(buyers)} customers`);
      await insertCustomers(db, 'M-', buyers);
      const atMs = Math.ceil((Date.now() + 5000) / 60_000) * 60_000;
      const l = toLocal(atMs, SHOP_ZONE);
      const pad = (x: number) => String(x).padStart(2, '0');
      const at = `${l.year}-${pad(l.month)}-${pad(l.day)}T${pad(l.hour)}:${pad(l.minute)}`;
      if (fromLocal(l, SHOP_ZONE) !== atMs) throw new Error('the shop zone does not put whole minutes on whole UTC minutes');
      const wave = broadcastThenWait('bench-urgent-broadcast', at);
      await publish(stack, wave);
      await new Promise((r) => setTimeout(r, Math.max(0, atMs - Date.now())));
      note(`broadcast to ${n(buyers)} at ${at}`);

      // Loaded: a reminder every 3 s while the broadcast runs (at most `minutes`).
      const messaged = async () =>
        Number(
          (
            await db
              .selectFrom('messages')
              .select((eb) => eb.fn.countAll<string>().as('n'))
              .where('journey_id', '=', wave.id)
              .executeTakeFirstOrThrow()
          ).n,
        );
      const busy: { customerId: string; due: number }[] = [];
      let done = 0;
      let peakLoad = '';
      let peak1 = 0;
      const stopAt = atMs + minutes * 60_000;
      for (let i = 100; Date.now() < stopAt; i++) {
        busy.push(await order(stack, i));
        await new Promise((r) => setTimeout(r, 3000));
        if (i % 10 === 0) {
          done = await messaged();
          const now = load();
          const one = Number(/load average: ([\d.]+)/.exec(now)?.[1] ?? 0);
          if (one > peak1) [peak1, peakLoad] = [one, now];
          note(`${n(done)} of ${n(buyers)} broadcast customers messaged; ${busy.length} reminders posted; ${now}`);
          if (done >= buyers) break;
        }
      }
      const broadcastSeconds = (Date.now() - atMs) / 1000;
      await new Promise((r) => setTimeout(r, WAIT_MS + 30_000));
      const busyDelays = await delays(stack, journey.id, busy);
      done = await messaged();
      figures['broadcast'] = `${n(done)} of ${n(buyers)} messaged in ${broadcastSeconds.toFixed(0)} s (${(done / broadcastSeconds).toFixed(1)} /s)`;
      figures['delay past wait, during it'] = summary(busyDelays);
      figures['reminders not yet sent'] = `${busy.length - busyDelays.length} of ${busy.length}`;
      figures['load at peak'] = peakLoad;
      figures['worker lanes recreated'] =
        `urgent ${stack.huitou.worker?.lanes.urgent.recreations() ?? 0}, bulk ${stack.huitou.worker?.lanes.bulk.recreations() ?? 0}`;
      figures['load at end'] = load();
      // Printed before the stack stops: stopping a worker with thousands of open journeys can be slow.
      for (const [k, v] of Object.entries(figures)) note(`${k}: ${v}`);
    } finally {
      await stack.stop();
    }
    return { name: 'urgent: a payment reminder’s delay past its wait, idle and during a broadcast', figures };
  },
};
