import type { CustomerEvent } from '../../engine/index';
import type { BareInput, bareWorkflow } from './bare-workflow';
import { enrolmentCounts, insertCustomers, messageConfig, publish, threeStepJourney, until } from './setup';
import type { BenchStack } from './stack';

export interface RunFigures {
  /** Enrolments completed per second, from the first enrolment request to the last completion. */
  rate: number;
  seconds: number;
  /** Until every customer had an enrolment row (the journey: routed; the bare: all started). */
  enrolledSeconds: number;
}

const WAIT = 'PT1S';
const WAIT_MS = 1000;
/** Starts of bare workflows in flight at once (the router enrols one event at a time). */
const START_CONCURRENCY = 16;
const note = (line: string) => console.error(`[journeys bench] ${line}`);

/**
 * The product's path: a live trigger → wait PT1S → SMS → exit journey; its customers enrolled with
 * POST /api/journeys/:id/enrol (journey.enrol events in the event log, routed one at a time by the
 * router: enrolment row, then signalWithStart), timed until all their enrolments are completed.
 */
export async function journeyRun(stack: BenchStack, n: number, tag: string): Promise<RunFigures> {
  const db = stack.huitou.context.db;
  const journey = threeStepJourney(`bench-journey-${tag}`, { type: 'trigger.event', config: { eventType: 'bench.never', perOrder: false } }, WAIT);
  await publish(stack, journey);
  const ids = await insertCustomers(db, `J${tag}-`, n);
  note(`journey run ${tag}: enrolling ${n} customers through the API and the router`);
  const start = performance.now();
  for (let i = 0; i < ids.length; i += 10_000) {
    const res = await stack.api(`/api/journeys/${journey.id}/enrol`, { customerIds: ids.slice(i, i + 10_000), requestId: `bench-${tag}-${i}` });
    if (res.status !== 202) throw new Error(`enrol: ${res.status} ${JSON.stringify(res.body)}`);
  }
  let enrolledSeconds = 0;
  await until(
    `${n} completed enrolments of ${journey.id}`,
    async () => {
      const c = await enrolmentCounts(db, journey.id);
      if (!enrolledSeconds && c.active + c.completed >= n) enrolledSeconds = (performance.now() - start) / 1000;
      return c.completed >= n;
    },
    30 * 60_000,
  );
  const seconds = (performance.now() - start) / 1000;
  return { rate: n / seconds, seconds, enrolledSeconds };
}

/**
 * The baseline: bareWorkflow (the same timer, runAction and recordExit) started straight from the
 * client, 16 starts in flight, on the same server, task queue and worker. Its enrolment rows are
 * written before the clock starts, so recordExit does the same update and completion is counted
 * the same way.
 */
export async function bareRun(stack: BenchStack, n: number, tag: string): Promise<RunFigures> {
  const db = stack.huitou.context.db;
  const journeyId = `bench-bare-${tag}`;
  const ids = await insertCustomers(db, `B${tag}-`, n);
  const workflowId = (customerId: string) => `bare:${tag}:${customerId}`;
  await db
    .insertInto('enrolments')
    .values(
      ids.map((customerId) => ({
        workflow_id: workflowId(customerId),
        journey_id: journeyId,
        journey_version: 1,
        customer_id: customerId,
        entry_event_id: `bare:${tag}:${customerId}`,
        status: 'active',
      })),
    )
    .execute();
  note(`bare run ${tag}: starting ${n} workflows`);
  const client = stack.huitou.temporal.client;
  const start = performance.now();
  let next = 0;
  const starter = async () => {
    while (next < ids.length) {
      const customerId = ids[next++]!;
      const entry: CustomerEvent = { id: `bare:${tag}:${customerId}`, type: 'journey.enrol', customerId, occurredAt: new Date().toISOString(), data: {} };
      const input: BareInput = {
        waitMs: WAIT_MS,
        action: {
          journeyId,
          journeyVersion: 1,
          nodeId: 'send',
          nodeType: 'message.send',
          typeVersion: 1,
          config: messageConfig,
          customerId,
          entry,
          priority: 5,
        },
      };
      await client.workflow.start<typeof bareWorkflow>('bareWorkflow', {
        workflowId: workflowId(customerId),
        taskQueue: stack.config.taskQueue,
        args: [input],
      });
    }
  };
  await Promise.all(Array.from({ length: START_CONCURRENCY }, starter));
  const enrolledSeconds = (performance.now() - start) / 1000;
  await until(`${n} completed bare workflows`, async () => (await enrolmentCounts(db, journeyId)).completed >= n, 30 * 60_000);
  const seconds = (performance.now() - start) / 1000;
  return { rate: n / seconds, seconds, enrolledSeconds };
}
