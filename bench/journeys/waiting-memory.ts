import type { CustomerEvent } from '../../engine/index';
import type { BareInput, bareWorkflow } from './bare-workflow';
import { insertCustomers, messageConfig, publish, threeStepJourney } from './setup';
import type { BenchStack } from './stack';

export interface WaitingMemory {
  /** Process RSS in bytes: before, with `count` bare workflows waiting, then with as many journeys waiting too. */
  start: number;
  bare: number;
  journeys: number;
}

const note = (line: string) => console.error(`[journeys bench] ${line}`);

/** Waits until the process's RSS moves by less than 5 MiB over 2 s (the worker has taken every first task). */
async function settledRss(): Promise<number> {
  let last = 0;
  for (let i = 0; i < 90; i++) {
    await new Promise((r) => setTimeout(r, 2000));
    const now = process.memoryUsage().rss;
    if (i >= 3 && Math.abs(now - last) < 5 * 2 ** 20) return now;
    last = now;
  }
  return process.memoryUsage().rss;
}

/**
 * The baseline for the broadcast's memory: `count` bare workflows waiting on a one-day timer, then
 * `count` journey workflows (trigger → wait P1D → SMS → exit) waiting too, both started straight from
 * the client so only what a waiting workflow holds in the worker is compared, not how it was enrolled.
 */
export async function waitingMemoryRun(stack: BenchStack, count: number): Promise<WaitingMemory> {
  const client = stack.huitou.temporal.client;
  const taskQueue = stack.config.taskQueue;
  const ids = await insertCustomers(stack.huitou.context.db, 'M-', count);
  const entry = (customerId: string): CustomerEvent => ({
    id: `wait:${customerId}`,
    type: 'journey.enrol',
    customerId,
    occurredAt: new Date().toISOString(),
    data: {},
  });
  const start = await settledRss();
  note(`memory: starting ${count} bare workflows that wait a day`);
  for (const customerId of ids) {
    const input: BareInput = {
      waitMs: 86_400_000,
      action: {
        journeyId: 'bench-wait',
        journeyVersion: 1,
        nodeId: 'send',
        nodeType: 'message.send',
        config: messageConfig,
        customerId,
        entry: entry(customerId),
      },
    };
    await client.workflow.start<typeof bareWorkflow>('bareWorkflow', { workflowId: `bare-wait:${customerId}`, taskQueue, args: [input] });
  }
  const bare = await settledRss();
  const journey = threeStepJourney('bench-wait', { type: 'trigger.event', config: { eventType: 'bench.never', perOrder: false } }, 'P1D');
  await publish(stack, journey);
  const document = await stack.huitou.context.journeys.version(journey.id, 1);
  if (!document) throw new Error('the published journey has no version 1');
  note(`memory: starting ${count} journey workflows that wait a day`);
  for (const customerId of ids) {
    await client.workflow.start('journeyWorkflow', {
      workflowId: `journey-wait:${customerId}`,
      taskQueue,
      args: [{ journey: document, version: 1, entry: entry(customerId) }],
    });
  }
  const journeys = await settledRss();
  // Leave the worker as the broadcast found it: no extra workflows in its cache.
  for (const customerId of ids) {
    await client.workflow.getHandle(`bare-wait:${customerId}`).terminate('bench done');
    await client.workflow.getHandle(`journey-wait:${customerId}`).terminate('bench done');
  }
  return { start, bare, journeys };
}
