// `npm run bench -- broadcast-memory`: the crash, replayed. On the embedded defaults, a
// broadcast to BENCH_BUYERS customers (35,000) sends each an SMS and then waits a day, so every
// journey stays open in the worker. Before the worker had a memory budget this ran the workflow
// thread out of heap; now the cache stays within the budget's bound while the API keeps answering.
// Prints: how long until every customer was messaged and waiting, the most workflows cached
// against the bound, the process's peak RSS, and the slowest health and customer-list answers.
//   BENCH_BUYERS (35000)   BENCH_WORKER_MEMORY_MB (the machine's default budget)
import { performance } from 'node:perf_hooks';
import { cpus, totalmem } from 'node:os';
import { fromLocal, toLocal } from '../engine/time/zoned';
import { laneLimits } from '../server/worker/lane-budget';
import { broadcastThenWait, insertCustomers, publish } from './journeys/setup';
import { startBenchStack } from './journeys/stack';
import type { BenchResult } from './run';

const note = (line: string) => console.error(`[broadcast-memory bench] ${line}`);
const n = (x: number) => x.toLocaleString('en');
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

function whole(name: string, fallback: number | undefined): number | undefined {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const x = Number(value.replace(/[_,]/g, ''));
  if (!Number.isInteger(x) || x < 1) throw new Error(`${name} must be a whole number, not "${value}"`);
  return x;
}

/** How long one API call took, in ms; a failed or refused call counts as a failure. */
async function timed(call: () => Promise<{ status: number }>): Promise<{ ms: number; ok: boolean }> {
  const start = performance.now();
  try {
    const { status } = await call();
    return { ms: performance.now() - start, ok: status === 200 };
  } catch {
    return { ms: performance.now() - start, ok: false };
  }
}

export const broadcastMemoryBenches = {
  async 'broadcast-memory'(): Promise<BenchResult> {
    const buyers = whole('BENCH_BUYERS', 35_000)!;
    const budget = whole('BENCH_WORKER_MEMORY_MB', undefined);
    const stack = await startBenchStack(budget ? { workerMemoryMb: budget } : {});
    // The broadcast runs in the bulk lane, with that lane's share of the budget.
    const limits = laneLimits(stack.config.workerMemoryMb, stack.config.cohortSize).bulk;
    const figures: Record<string, string> = {
      machine: `${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory`,
      'worker budget': `${n(limits.budgetMb)} MB: cache ${n(limits.maxCachedWorkflows)}, ${limits.maxConcurrentWorkflowTaskExecutions} workflow tasks and ${limits.maxConcurrentActivityTaskExecutions} activities at once, workflow heap ${n(limits.workflowThreadHeapMb)} MB`,
    };
    try {
      const db = stack.huitou.context.db;
      note(`inserting ${n(buyers)} customers`);
      await insertCustomers(db, 'M-', buyers, { lifecycleStage: 'active' });
      const zone = (await stack.huitou.context.settings.shop()).timezone;
      const atMs = Math.ceil((Date.now() + 5000) / 60_000) * 60_000;
      const l = toLocal(atMs, zone);
      const pad = (x: number) => String(x).padStart(2, '0');
      const at = `${l.year}-${pad(l.month)}-${pad(l.day)}T${pad(l.hour)}:${pad(l.minute)}`;
      if (fromLocal(l, zone) !== atMs) throw new Error(`the shop zone ${zone} does not put whole minutes on whole UTC minutes`);
      const journey = broadcastThenWait('bench-broadcast-memory', at);
      await publish(stack, journey);
      note(`broadcast at ${at} (${zone})`);
      await new Promise((r) => setTimeout(r, Math.max(0, atMs - Date.now())));

      const count = async (waitingOnly: boolean) => {
        let q = db
          .selectFrom(waitingOnly ? 'enrolments' : 'messages')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('journey_id', '=', journey.id);
        if (waitingOnly) q = q.where('status', '=', 'active').where('waiting_node', '=', 'wait');
        return Number((await q.executeTakeFirstOrThrow()).n);
      };
      let peakCached = 0;
      let peakRss = 0;
      let slowestHealth = 0;
      let slowestList = 0;
      let failedCalls = 0;
      let calls = 0;
      let lastNote = 0;
      let messaged = 0;
      let waiting = 0;
      while (messaged < buyers || waiting < buyers) {
        await new Promise((r) => setTimeout(r, 2000));
        const worker = stack.huitou.worker?.lanes.bulk.current();
        peakCached = Math.max(peakCached, worker?.getStatus().numCachedWorkflows ?? 0);
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
        const [health, list] = await Promise.all([timed(() => stack.api('/api/health')), timed(() => stack.api('/api/customers?limit=20'))]);
        calls += 2;
        failedCalls += (health.ok ? 0 : 1) + (list.ok ? 0 : 1);
        slowestHealth = Math.max(slowestHealth, health.ms);
        slowestList = Math.max(slowestList, list.ms);
        [messaged, waiting] = [await count(false), await count(true)];
        if (Date.now() - lastNote > 30_000) {
          lastNote = Date.now();
          note(
            `${n(messaged)} messaged, ${n(waiting)} waiting, cache ${n(peakCached)} at most, RSS ${mib(process.memoryUsage().rss)}, ${((Date.now() - atMs) / 1000).toFixed(0)} s`,
          );
        }
      }
      const seconds = (Date.now() - atMs) / 1000;
      figures['customers'] = `${n(buyers)}: SMS, then wait P1D`;
      figures['all messaged and waiting'] = `${seconds.toFixed(0)} s after the broadcast instant (${(buyers / seconds).toFixed(1)} /s)`;
      figures['workflows cached (peak)'] = `${n(peakCached)} (bound ${n(limits.maxCachedWorkflows)})`;
      figures['process RSS (peak)'] = mib(peakRss);
      figures['worker recreated'] = `${stack.huitou.worker?.lanes.bulk.recreations() ?? 0} times`;
      figures['API while it ran'] =
        `${calls} calls, ${failedCalls} failed; slowest health ${slowestHealth.toFixed(0)} ms, slowest customer list ${slowestList.toFixed(0)} ms`;
    } finally {
      await stack.stop();
    }
    return { name: 'broadcast-memory: a broadcast to everyone with a one-day wait, within the worker memory budget', figures };
  },
};
