// `npm run bench -- journeys`: journeys on a real Temporal dev server and the embedded database.
// 1. Throughput: a 3-step journey (trigger → wait PT1S → SMS → exit) enrolled through the API and
//    the event router, against a bare workflow with the same timer and activities on the same
//    server and worker, measured bare / journey / bare in one run.
// 2. Broadcast: a trigger.broadcast journey at ratePerMinute 0 followed by a P1D wait: time from the
//    broadcast's instant until every customer is enrolled, and this process's memory while they wait.
// docs/bench.md explains the figures. Sizes from the environment:
//   BENCH_ENROLMENTS (2,000)  BENCH_BROADCAST (10,000; 100000 for the size; 0 skips it)
//   BENCH_WAITING (500; 0 skips it): bare and journey workflows left waiting, for memory per workflow
import { cpus, loadavg, totalmem } from 'node:os';
import { execFileSync } from 'node:child_process';
import { getHeapStatistics } from 'node:v8';
import { projectRoot } from '../server/config';
import { broadcastRun, type Memory } from './journeys/broadcast';
import { startBenchStack } from './journeys/stack';
import { bareRun, journeyRun, type RunFigures } from './journeys/throughput';
import { waitingMemoryRun } from './journeys/waiting-memory';
import type { BenchResult } from './run';

/** The target, printed beside the figure, never asserted. */
const TARGET_RATIO = 0.7;

function whole(name: string, fallback: number, min = 1): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be a whole number of at least ${min}, not "${value}"`);
  return n;
}

const n = (x: number) => x.toLocaleString('en');
const s = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(1)} s`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const note = (line: string) => console.error(`[journeys bench] ${line}`);
const rate = (r: RunFigures) => `${r.rate.toFixed(1)} /s (${s(r.seconds)}; all started or routed after ${s(r.enrolledSeconds)})`;
const mem = (m: Memory) => `RSS ${mib(m.rss)}, heap ${mib(m.heapUsed)} used of ${mib(m.heapTotal)}, external ${mib(m.external)}`;

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: projectRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown (no git)';
  }
}

export const journeysBenches = {
  async journeys(): Promise<BenchResult> {
    const enrolments = whole('BENCH_ENROLMENTS', 2_000);
    const broadcast = whole('BENCH_BROADCAST', 10_000, 0);
    const waiting = whole('BENCH_WAITING', 500, 0);
    const cpu = cpus();
    const figures: Record<string, string> = {
      machine: `${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, load average ${load()} at start`,
      code: `commit ${commit()}`,
    };
    note('starting a Temporal dev server and Huitou on the embedded database');
    const stack = await startBenchStack();
    try {
      // The SDK's default sticky cache (reuseV8Context), as @temporalio/worker computes it: workflows
      // beyond it are evicted and replayed from history on their next task, so memory stops there.
      const heapMiB = getHeapStatistics().heap_size_limit / 2 ** 20;
      const cache = Math.max(Math.floor((Math.max(heapMiB - 200, 0) * 600) / 1024), 10);
      figures['Temporal'] =
        `dev server ${stack.temporal.address} (started: ${stack.temporal.started}), embedded database, one worker caching up to ${n(cache)} workflows (SDK default for a ${n(Math.round(heapMiB))} MiB heap limit)`;
      // A short warm-up so neither side pays for the first workflow task, connection or JIT.
      await bareRun(stack, 20, 'warm');
      const bare1 = await bareRun(stack, enrolments, '1');
      const journey = await journeyRun(stack, enrolments, '1');
      const bare2 = await bareRun(stack, enrolments, '2');
      const bareRate = (bare1.rate + bare2.rate) / 2;
      figures['throughput: customers'] = `${n(enrolments)} per run; wait PT1S, SMS (outbox insert), exit`;
      figures['bare workflow (baseline), before'] = rate(bare1);
      figures['journey via API + router'] = rate(journey);
      figures['bare workflow (baseline), after'] = rate(bare2);
      figures['journey / bare'] = `${(journey.rate / bareRate).toFixed(2)} (target ≥ ${TARGET_RATIO}; against the mean of the two bare runs)`;
      figures['load average after throughput'] = load();

      if (waiting > 0) {
        const m = await waitingMemoryRun(stack, waiting);
        const each = (from: number, to: number) => `${((to - from) / waiting / 2 ** 10).toFixed(0)} KiB`;
        figures['waiting: customers'] = `${n(waiting)} bare, then ${n(waiting)} journeys, started from the client, timers of one day`;
        figures['waiting: RSS per bare workflow'] = `${each(m.start, m.bare)} (RSS ${mib(m.start)} → ${mib(m.bare)})`;
        figures['waiting: RSS per journey workflow'] = `${each(m.bare, m.journeys)} (RSS ${mib(m.bare)} → ${mib(m.journeys)})`;
      }
      if (broadcast > 0) {
        const b = await broadcastRun(stack, broadcast);
        figures['broadcast: customers'] = `${n(broadcast)} (audience on the facts snapshot; ratePerMinute 0; then wait P1D)`;
        figures['broadcast: first enrolled'] = `${s(b.firstEnrolledSeconds)} after the broadcast instant`;
        figures['broadcast: all entry events stored'] = `${s(b.pagedSeconds)} (${n(b.stored)} events)`;
        figures['broadcast: all enrolled (active)'] = `${s(b.allEnrolledSeconds)} (${(broadcast / b.allEnrolledSeconds).toFixed(0)} /s)`;
        figures['memory before the broadcast'] = mem(b.before);
        figures['memory while all wait (peak)'] = mem(b.waitingPeak);
        figures['memory while all wait (last)'] = mem(b.waitingLast);
        figures['RSS per waiting customer'] =
          `${((b.waitingPeak.rss - b.before.rss) / broadcast / 2 ** 10).toFixed(0)} KiB (peak minus before, over ${n(broadcast)})`;
        if (b.temporalRss !== undefined) figures['Temporal dev server RSS'] = mib(b.temporalRss);
      }
    } finally {
      figures['load average at end'] = load();
      note('stopping');
      await stack.stop();
    }
    return { name: 'journeys: 3-step journey vs bare workflow (baseline); broadcast enrolment and worker memory', figures };
  },
};
