// `npm run bench -- cohorts`: a broadcast to many customers on the embedded default (Temporal CLI
// dev server with its SQLite file, PGlite), run as cohorts: time from the broadcast's instant until
// every customer's first message is in the outbox, customers per second against the bare-workflow
// rate measured in the same run, Temporal workflow executions per customer (counted on the
// server), and this process's memory while they all wait a day. From the environment:
//   BENCH_COHORT_CUSTOMERS (100,000)   BENCH_BARE (300): bare workflows for the baseline
//   BENCH_COHORT_DATABASE (embedded | postgresql: DATABASE_URL's server, else a throwaway one)
//   BENCH_WORKER_MEMORY_MB (the machine's default budget)
import { cpus, loadavg, totalmem } from 'node:os';
import { fromLocal, toLocal } from '../engine/time/zoned';
import { bareRun } from './journeys/throughput';
import { freshPostgres } from './facts/databases';
import { broadcastThenWait, insertCustomers, publish, until } from './journeys/setup';
import { startBenchStack } from './journeys/stack';
import type { BenchResult } from './run';

const note = (line: string) => console.error(`[cohorts bench] ${line}`);
const n = (x: number) => x.toLocaleString('en');
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const sized = (name: string, fallback: number) => {
  const raw = process.env[name];
  const v = raw ? Number(raw.replace(/[_,]/g, '')) : fallback;
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a whole number of at least 1, not "${raw}"`);
  return v;
};

export const cohortBenches = {
  async cohorts(): Promise<BenchResult> {
    const customers = sized('BENCH_COHORT_CUSTOMERS', 100_000);
    const bare = sized('BENCH_BARE', 300);
    const database = process.env.BENCH_COHORT_DATABASE ?? 'embedded';
    if (database !== 'embedded' && database !== 'postgresql') throw new Error(`BENCH_COHORT_DATABASE must be embedded or postgresql, not "${database}"`);
    const budget = process.env.BENCH_WORKER_MEMORY_MB ? sized('BENCH_WORKER_MEMORY_MB', 0) : undefined;
    const cpu = cpus();
    const figures: Record<string, string> = {
      machine: `${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, load average ${load()} at start`,
    };
    const postgres = database === 'postgresql' ? await freshPostgres('huitou_cohorts') : undefined;
    const stack = await startBenchStack({ ...(postgres ? { databaseUrl: postgres.url } : {}), ...(budget ? { workerMemoryMb: budget } : {}) });
    figures['database'] = postgres ? `PostgreSQL ${postgres.where}` : 'embedded (PGlite, in this process)';
    figures['worker memory budget'] = `${stack.config.workerMemoryMb} MB (cohorts of at most ${stack.config.cohortSize})`;
    try {
      const db = stack.huitou.context.db;
      const client = stack.huitou.temporal.client;
      note(`baseline: ${bare} bare workflows`);
      const baseline = await bareRun(stack, bare, 'cohort-baseline');
      figures['bare workflow (baseline)'] = `${baseline.rate.toFixed(1)} /s`;

      note(`inserting ${n(customers)} customers`);
      await insertCustomers(db, 'D-', customers, { lifecycleStage: 'active' });
      const zone = (await stack.huitou.context.settings.shop()).timezone;
      const atMs = Math.ceil((Date.now() + 5000) / 60_000) * 60_000;
      const l = toLocal(atMs, zone);
      if (fromLocal(l, zone) !== atMs) throw new Error(`the shop zone ${zone} does not put whole minutes on whole UTC minutes`);
      const pad = (x: number) => String(x).padStart(2, '0');
      // Audience: active customers, selected in SQL as a shop's wave would be.
      const journey = broadcastThenWait('bench-wave', `${l.year}-${pad(l.month)}-${pad(l.day)}T${pad(l.hour)}:${pad(l.minute)}`, {
        all: [{ fact: 'lifecycleStage', operator: 'equal', value: 'active' }],
      });
      await publish(stack, journey);
      note(`broadcast at ${new Date(atMs).toISOString()}, ${Math.round((atMs - Date.now()) / 1000)} s from now`);

      let peakRss = process.memoryUsage().rss;
      let firstSeconds = 0;
      let lastLog = 0;
      const messaged = async () => {
        const row = await db
          .selectFrom('messages')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('journey_id', '=', journey.id)
          .executeTakeFirstOrThrow();
        return Number(row.n);
      };
      await until(
        `${customers} messages`,
        async () => {
          peakRss = Math.max(peakRss, process.memoryUsage().rss);
          const m = await messaged();
          if (m > 0 && !firstSeconds) firstSeconds = (Date.now() - atMs) / 1000;
          if (Date.now() - lastLog > 30_000) {
            lastLog = Date.now();
            note(`${n(m)} of ${n(customers)} messaged, RSS ${mib(process.memoryUsage().rss)}, load ${load()}`);
          }
          return m >= customers;
        },
        atMs - Date.now() + 60_000 + customers * 50,
        1000,
      );
      const seconds = (Date.now() - atMs) / 1000;
      const rate = customers / seconds;
      figures['customers'] = n(customers);
      figures['first message after'] = `${firstSeconds.toFixed(1)} s`;
      figures['every first message after'] = `${seconds.toFixed(1)} s (load ${load()})`;
      figures['customers per second'] = `${rate.toFixed(0)} /s = ${(rate / baseline.rate).toFixed(1)}× the bare workflow (target ≥ 50×)`;
      const count = async (type: string) =>
        (await client.workflow.count(`WorkflowType = '${type}' AND StartTime >= '${new Date(atMs - 60_000).toISOString()}'`)).count;
      const [cohorts, lone] = [await count('cohortWorkflow'), await count('journeyWorkflow')];
      figures['workflow executions'] = `${n(cohorts)} cohorts + ${n(lone)} lone = ${((cohorts + lone) / customers).toFixed(4)} per customer (target ≤ 0.1)`;
      const waiting = await db
        .selectFrom('enrolments')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('journey_id', '=', journey.id)
        .where('status', '=', 'active')
        .executeTakeFirstOrThrow();
      for (let i = 0; i < 10; i++) {
        await new Promise((r) => setTimeout(r, 1000));
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
      }
      figures['waiting a day'] = `${n(Number(waiting.n))} customers; RSS peak ${mib(peakRss)}, now ${mib(process.memoryUsage().rss)} (target < 1.5 GB)`;
    } finally {
      try {
        await stack.stop();
      } finally {
        await postgres?.drop();
      }
    }
    return { name: 'cohorts: a broadcast to every customer, run in cohorts, against a bare workflow per customer', figures };
  },
};
