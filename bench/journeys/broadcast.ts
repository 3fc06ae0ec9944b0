import { execFileSync } from 'node:child_process';
import { fromLocal, toLocal } from '../../engine/time/zoned';
import { broadcastWorkflowId } from '../../server/journeys/triggers/broadcasts';
import { enrolmentCounts, insertCustomers, publish, threeStepJourney, until } from './setup';
import type { BenchStack } from './stack';

export interface Memory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
}

export interface BroadcastFigures {
  /** From the broadcast's instant until every customer had an active enrolment. */
  allEnrolledSeconds: number;
  firstEnrolledSeconds: number;
  /** From the instant until the broadcast workflow had stored every customer's entry event. */
  pagedSeconds: number;
  stored: number;
  before: Memory;
  /** Samples while everyone waits: the largest RSS seen, and the last sample. */
  waitingPeak: Memory;
  waitingLast: Memory;
  /** The Temporal dev server's resident memory (a child of this process), in bytes, if found. */
  temporalRss: number | undefined;
}

const note = (line: string) => console.error(`[journeys bench] ${line}`);
const memory = (): Memory => {
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external };
};

/** Resident memory of this process's `temporal` child (the dev server connectTemporal started). */
function temporalServerRss(): number | undefined {
  try {
    const out = execFileSync('ps', ['-o', 'rss=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' });
    const line = out.split('\n').find((l) => /\btemporal\b/.test(l));
    return line ? Number(line.trim().split(/\s+/)[0]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `n` customers with a facts snapshot saying they are active; a journey trigger.broadcast (at the
 * next whole minute at least 5 s ahead, audience lifecycleStage = active, ratePerMinute 0) → wait
 * P1D → SMS → exit, published through the API (which schedules the broadcast workflow). Times the
 * enrolments from the broadcast's instant, then samples this process's memory (the worker, with
 * every customer's workflow waiting on its timer) for `sampleSeconds`.
 */
export async function broadcastRun(stack: BenchStack, n: number, sampleSeconds = 15): Promise<BroadcastFigures> {
  const db = stack.huitou.context.db;
  note(`broadcast: inserting ${n} customers with facts snapshots`);
  await insertCustomers(db, 'W-', n, { lifecycleStage: 'active' });
  const zone = (await stack.huitou.context.settings.shop()).timezone;
  const atMs = Math.ceil((Date.now() + 5000) / 60_000) * 60_000;
  const l = toLocal(atMs, zone);
  const pad = (x: number) => String(x).padStart(2, '0');
  const at = `${l.year}-${pad(l.month)}-${pad(l.day)}T${pad(l.hour)}:${pad(l.minute)}`;
  if (fromLocal(l, zone) !== atMs) throw new Error(`the shop zone ${zone} does not put whole minutes on whole UTC minutes`);
  const journey = threeStepJourney(
    'bench-broadcast',
    { type: 'trigger.broadcast', config: { at, audience: { all: [{ fact: 'lifecycleStage', operator: 'equal', value: 'active' }] }, ratePerMinute: 0 } },
    'P1D',
  );
  const published = await publish(stack, journey);
  if (published.broadcast?.startsAt !== new Date(atMs).toISOString())
    throw new Error(`broadcast scheduled for ${JSON.stringify(published.broadcast)}, expected ${new Date(atMs).toISOString()}`);
  const before = memory();
  note(`broadcast: at ${at} (${zone}), ${Math.round((atMs - Date.now()) / 1000)} s from now`);

  const handle = stack.huitou.temporal.client.workflow.getHandle(broadcastWorkflowId(stack.config.taskQueue, journey.id));
  let pagedSeconds = 0;
  let stored = 0;
  const paged = handle.result().then((r: { stored: number }) => {
    pagedSeconds = (Date.now() - atMs) / 1000;
    stored = r.stored;
  });
  let firstEnrolledSeconds = 0;
  let lastLog = 0;
  await until(
    `${n} active enrolments of the broadcast`,
    async () => {
      const { active } = await enrolmentCounts(db, journey.id);
      if (active > 0 && !firstEnrolledSeconds) firstEnrolledSeconds = (Date.now() - atMs) / 1000;
      if (Date.now() - lastLog > 30_000) {
        lastLog = Date.now();
        note(`broadcast: ${active} of ${n} enrolled`);
      }
      return active >= n;
    },
    atMs - Date.now() + 5 * 60_000 + n * 100,
    250,
  );
  const allEnrolledSeconds = (Date.now() - atMs) / 1000;
  await paged;

  note(`broadcast: all ${n} enrolled after ${allEnrolledSeconds.toFixed(1)} s; sampling memory for ${sampleSeconds} s while they wait`);
  let waitingPeak = memory();
  let waitingLast = waitingPeak;
  for (let i = 0; i < sampleSeconds; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    waitingLast = memory();
    if (waitingLast.rss > waitingPeak.rss) waitingPeak = waitingLast;
  }
  const { active } = await enrolmentCounts(db, journey.id);
  if (active < n) throw new Error(`only ${active} of ${n} customers are still waiting`);
  return { allEnrolledSeconds, firstEnrolledSeconds, pagedSeconds, stored, before, waitingPeak, waitingLast, temporalRss: temporalServerRss() };
}
