// `npm run bench -- ingest`: events posted to `POST /api/events` on each database, Huitou running as
// `npm start` runs it (HTTP server, router with its facts follower, worker, a Temporal dev server).
// Baseline in the same run and on the same database: the events stored and applied one transaction
// per event (`storeAndApply` per event, four at a time), the shape every request had before batches
// were set-based. Figures:
//   stored: events answered 202 per second (202 means in the event log with its effects);
//   routed: events per second until the router (and the facts follower before it) has routed them all.
// Sizes: BENCH_INGEST_EVENTS (4,000 a kind), BENCH_INGEST_CUSTOMERS (1,000); BENCH_INGEST_DATABASES
// (embedded,postgresql). PostgreSQL: DATABASE_URL's server, else a throwaway one.
import { cpus, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { storeAndApply } from '../server/events/event-effects';
import type { Db } from '../server/db/database';
import { benchEvents, chunks, type EventKind } from './ingest/load';
import { startBenchStack, type BenchStack } from './journeys/stack';
import type { BenchResult } from './run';
import { freshPostgres } from './facts/databases';

const n = (x: number) => Math.round(x).toLocaleString('en');
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const note = (line: string) => console.error(`[ingest bench] ${line}`);
const targets: Record<string, Record<EventKind, number>> = {
  embedded: { 'non-order': 2_000, order: 1_000 },
  postgresql: { 'non-order': 5_000, order: 2_000 },
};

function whole(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number of at least 1`);
  return value;
}

/** Runs `work` over `items` with `lanes` at a time. */
async function inLanes<T>(items: readonly T[], lanes: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

async function unrouted(db: Db): Promise<number> {
  const row = await db
    .selectFrom('events')
    .select((e) => e.fn.countAll<string>().as('n'))
    .where('routed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function untilRouted(db: Db): Promise<void> {
  while ((await unrouted(db)) > 0) await new Promise((r) => setTimeout(r, 50));
}

interface Rates {
  stored: number;
  routed: number;
}

/**
 * One request, sent again when the connection closed before any answer: client and server share
 * this process, so a keep-alive socket can close just as a request goes out on it. Events carry
 * their ids, so sending again is safe (a stored one is answered as a duplicate).
 */
async function postOnce(stack: BenchStack, body: unknown): Promise<{ status: number; body: unknown }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await stack.api('/api/events', body);
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
}

/** Posts `events` in requests of `size` (a batch each) from `clients` at a time; rates until 202 and until routed. */
async function post(stack: BenchStack, events: readonly unknown[], size: number, clients: number): Promise<Rates> {
  const db = stack.huitou.context.db;
  const started = performance.now();
  await inLanes(chunks(events, size), clients, async (batch) => {
    const res = await postOnce(stack, batch);
    if (res.status !== 202) throw new Error(`POST /api/events answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
  });
  const stored = (performance.now() - started) / 1000;
  await untilRouted(db);
  const routed = (performance.now() - started) / 1000;
  return { stored: events.length / stored, routed: events.length / routed };
}

/** The baseline: one transaction per event, four at a time, straight into the store; then routed. */
async function perEvent(stack: BenchStack, events: Parameters<typeof storeAndApply>[1][]): Promise<Rates> {
  const db = stack.huitou.context.db;
  const started = performance.now();
  await inLanes(events, 4, async (event) => void (await storeAndApply(db, event)));
  const stored = (performance.now() - started) / 1000;
  void stack.huitou.context.router.kick();
  await untilRouted(db);
  const routed = (performance.now() - started) / 1000;
  return { stored: events.length / stored, routed: events.length / routed };
}

/** One event per request from `clients` at a time, the clients in a thread of their own (post-clients.mjs); rates until 202 and until routed. */
async function postSingly(stack: BenchStack, events: readonly unknown[], clients: number): Promise<Rates> {
  const started = performance.now();
  const worker = new Worker(new URL('./ingest/post-clients.mjs', import.meta.url), {
    workerData: { url: stack.huitou.url, token: stack.huitou.token, events, clients },
  });
  const answer = await new Promise<{ done?: boolean; error?: string }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  if (answer.error) throw new Error(answer.error);
  const stored = (performance.now() - started) / 1000;
  await untilRouted(stack.huitou.context.db);
  const routed = (performance.now() - started) / 1000;
  return { stored: events.length / stored, routed: events.length / routed };
}

const show = (r: Rates) => `stored ${n(r.stored)} /s, routed ${n(r.routed)} /s`;

async function onDatabase(kind: 'embedded' | 'postgresql', figures: Record<string, string>): Promise<void> {
  const count = whole('BENCH_INGEST_EVENTS', 4_000);
  const customers = whole('BENCH_INGEST_CUSTOMERS', 1_000);
  const pgDb = kind === 'postgresql' ? await freshPostgres('huitou_ingest') : undefined;
  note(`${kind}: starting a Temporal dev server and Huitou`);
  const stack = await startBenchStack(pgDb ? { databaseUrl: pgDb.url } : {});
  try {
    // Warm-up: connections, JIT, the first statements planned.
    await post(stack, benchEvents('warm', 'non-order', 200, 50), 100, 2);
    for (const eventKind of ['non-order', 'order'] as const) {
      note(`${kind}: ${eventKind} events, per event (baseline)`);
      const base = await perEvent(stack, benchEvents(`b-${kind}-${eventKind}`, eventKind, count, customers));
      note(`${kind}: ${eventKind} events, batches of 100`);
      const batched = await post(stack, benchEvents(`h-${kind}-${eventKind}`, eventKind, count, customers), 100, 4);
      note(`${kind}: ${eventKind}: per event ${show(base)}; batches ${show(batched)}; load ${load()}`);
      figures[`${kind}, ${eventKind}, per event (baseline)`] = show(base);
      figures[`${kind}, ${eventKind}, batches of 100 (4 clients)`] =
        `${show(batched)} — ${(batched.stored / base.stored).toFixed(1)}× baseline; target ≥ ${n(targets[kind]![eventKind])} /s`;
    }
    note(`${kind}: one event per request, 16 clients`);
    const single = await postSingly(stack, benchEvents(`s-${kind}`, 'non-order', count, customers), 16);
    figures[`${kind}, non-order, 1 per request (16 clients)`] = `${show(single)}${kind === 'postgresql' ? ' — target ≥ 1,000 /s' : ''}`;
    figures[`${kind}, load average after`] = load();
  } finally {
    await stack.stop();
    await pgDb?.drop();
  }
}

export const ingestBenches = {
  async ingest(): Promise<BenchResult> {
    const cpu = cpus();
    const figures: Record<string, string> = { machine: `${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown'}), load average ${load()} at start` };
    const kinds = (process.env.BENCH_INGEST_DATABASES ?? 'embedded,postgresql').split(',') as ('embedded' | 'postgresql')[];
    for (const kind of kinds) await onDatabase(kind, figures);
    return { name: 'ingest: POST /api/events, stored (202) and routed', figures };
  },
};
