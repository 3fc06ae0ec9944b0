// `npm run bench -- outbox`: a broadcast's messages into the outbox, one `enqueue` after the other
// (the baseline) against `enqueueMany` in chunks of 200 as a cohort's activity passes them, each
// on a fresh database of the same kind, in the same run. Two mixes: marketing messages under a
// frequency cap and a send rate (the guarded path: locks, counted sends, rate window), and
// transactional ones (a plain insert). Sizes and databases from the environment:
//   BENCH_OUTBOX_MESSAGES (10,000)  BENCH_DATABASES (embedded,postgresql)  DATABASE_URL
import { cpus, loadavg } from 'node:os';
import { messagingSettingsSchema, type OutgoingMessage } from '../engine/index';
import { Outbox } from '../server/messaging/outbox';
import { openEmbedded, openPostgres, type DatabaseKind } from './facts/databases';
import type { BenchResult } from './run';

const note = (line: string) => console.error(`[outbox bench] ${line}`);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const chunk = 200;

function broadcast(count: number, marketing: boolean): OutgoingMessage[] {
  const at = Date.now();
  return Array.from({ length: count }, (_, i) => ({
    idempotencyKey: `cohort:wave:1:0:${Math.floor(i / 1000)}/run/sms/${i}`,
    channel: 'sms',
    recipient: '13800001234',
    text: '双11 预热，领券立减',
    journeyId: 'wave',
    journeyVersion: 1,
    nodeId: 'sms',
    customerId: `c${i}`,
    guard: marketing ? { category: 'marketing', priority: 5, quietHours: 'ignore', sendRate: { max: 1000, per: 'PT1M' } } : undefined,
    at,
  }));
}

async function timed(kind: DatabaseKind, messages: OutgoingMessage[], batched: boolean): Promise<number> {
  const store = kind === 'embedded' ? await openEmbedded() : await openPostgres();
  try {
    const outbox = new Outbox(store.db, async () => ({
      messaging: messagingSettingsSchema.parse({ frequencyCaps: [{ channel: 'sms', max: 1, within: 'P1D' }] }),
      timezone: 'Asia/Shanghai',
    }));
    const start = performance.now();
    if (batched) for (let i = 0; i < messages.length; i += chunk) await outbox.enqueueMany(messages.slice(i, i + chunk));
    else for (const m of messages) await outbox.enqueue(m);
    return performance.now() - start;
  } finally {
    await store.close();
  }
}

async function outboxBench(): Promise<BenchResult> {
  const count = Number((process.env.BENCH_OUTBOX_MESSAGES ?? '10000').replace(/[_,]/g, ''));
  const kinds = (process.env.BENCH_DATABASES ?? 'embedded,postgresql').split(',') as DatabaseKind[];
  const figures: Record<string, string> = { machine: `${cpus().length} cores, load ${load()} at start`, messages: count.toLocaleString('en') };
  for (const kind of kinds) {
    for (const marketing of [true, false]) {
      const mix = marketing ? 'marketing' : 'transactional';
      const messages = broadcast(count, marketing);
      note(`${kind} ${mix}: one by one…`);
      const one = await timed(kind, messages, false);
      note(`${kind} ${mix}: in chunks of ${chunk}…`);
      const many = await timed(kind, messages, true);
      figures[`${kind} ${mix}: enqueue`] = `${(one / count).toFixed(3)} ms/message`;
      figures[`${kind} ${mix}: enqueueMany`] = `${(many / count).toFixed(3)} ms/message (${(one / many).toFixed(1)}× faster)`;
    }
  }
  figures['load at end'] = load();
  return { name: 'outbox: enqueue one by one against enqueueMany (chunks of 200)', figures };
}

export const outboxBenches = { outbox: outboxBench };
