import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { ApplicationFailure, WorkflowIdReusePolicy } from '@temporalio/common';
import { createRegistry, decisionFacts, Interpreter, journeyLane, type Journey, type NodeRegistry } from '../../engine/index';
import type { CohortActivities, HandOff, MemberActionOutcome, MemberDecision } from '../../workflows/cohort-shared';
import type { journeyWorkflow } from '../../workflows/journey-workflow';
import type { Db } from '../db/database';
import type { Enrolments } from '../journeys/enrolments';
import type { Journeys } from '../journeys/journey-store';
import type { StepLog } from '../journeys/step-log';
import type { JourneyWork } from './journey-activities';
import { laneTaskQueue } from '../temporal/task-queues';

export interface CohortActivityDeps {
  db: Db;
  registry: NodeRegistry;
  journeys: Pick<Journeys, 'version'>;
  enrolments: Pick<Enrolments, 'recordExit'>;
  stepLog?: Pick<StepLog, 'reportMany'> | undefined;
  /** The lone customer's work: a member's customer and action are the same, its customer read with the chunk's. */
  journey: JourneyWork;
  client: Client;
  /** The installation's task queue (HUITOU_TASK_QUEUE): a handed-off member's own workflow runs on its lane's. */
  taskQueue: string;
  /** Members worked on at once within one activity. */
  concurrency?: number | undefined;
  /** Members whose actions run at once within one activity: as many messages go to the outbox in one batch. */
  actionConcurrency?: number | undefined;
}

/**
 * The cohort workflow's activities (workflows/cohort-shared.ts): each does for a chunk of members
 * what the journey workflow's activity does for one, with the same code per member, so a member
 * gets what a lone customer gets.
 */
export function createCohortActivities(deps: CohortActivityDeps): CohortActivities {
  const width = deps.concurrency ?? 8;
  // Wider for actions, so their messages are stored in batches; still bounded, as a step may call
  // out to a shop's endpoint (a webhook) for each member.
  const actionWidth = deps.actionConcurrency ?? 50;
  const interpreters = new Map<string, Promise<Interpreter | undefined>>();
  const interpreterOf = (journeyId: string, version: number) => {
    const key = `${journeyId}@${version}`;
    if (!interpreters.has(key)) {
      interpreters.set(
        key,
        deps.journeys.version(journeyId, version).then((j: Journey | undefined) => j && new Interpreter(j, deps.registry ?? createRegistry())),
      );
    }
    return interpreters.get(key)!;
  };

  return {
    async cohortCustomers(ids) {
      const loaded = await deps.journey.loadCustomers(ids);
      return ids.map((id) => loaded.get(id)!);
    },

    async cohortDecisions({ journeyId, version, members }) {
      const interpreter = await interpreterOf(journeyId, version);
      if (!interpreter) throw ApplicationFailure.nonRetryable(`journey ${journeyId} v${version} is not published`, 'JourneyVersionMissing');
      // The chunk's customers and facts read together, then each decided as a lone customer is.
      const customers = await deps.journey.loadCustomers(members.map((m) => m.customerId));
      return eachOf(members, width, (m: MemberDecision) =>
        interpreter.decide(m.state, decisionFacts({ event: m.entry, lastEvent: m.lastEvent, customer: customers.get(m.customerId)! })),
      );
    },

    cohortActions: async (actions) => {
      // What the chunk's actions read (customers, facts, coupons) read together, then each run as a lone customer's is.
      const reads = await deps.journey.readForActions(actions.map((a) => a.input));
      // Their messages reach the outbox together, a batch for the members running at once.
      const outbox = deps.journey.gatherOutbox();
      return eachOf(
        actions.map((a, i) => ({ ...a, reads: reads[i]! })),
        actionWidth,
        async ({ input, nonRetryableErrorTypes, reads }): Promise<MemberActionOutcome> => {
          try {
            const { port, summary, retryAt, refused } = await deps.journey.runAction(input, reads, outbox);
            return { port, summary, retryAt, refused };
          } catch (e) {
            const type = e instanceof ApplicationFailure && e.type ? e.type : ((e as Error)?.name ?? 'Error');
            // As Temporal would for a lone customer: not retryable, or a type the step says never to retry, fails for good.
            const forGood = (e instanceof ApplicationFailure && e.nonRetryable) || (nonRetryableErrorTypes ?? []).includes(type);
            return forGood ? { failed: type } : { retry: type };
          }
        },
      );
    },

    async cohortExits(exits) {
      await eachOf(exits, width, (x) => deps.enrolments.recordExit(x.workflowId, `${x.reason}:${x.nodeId}`));
    },

    async cohortSteps(reports) {
      await deps.stepLog?.reportMany(reports);
    },

    cohortHandOff: (input) => handOff(deps, input),
  };
}

/** Each member still in the cohort goes on in a journey workflow of its own, under its enrolment's id. */
async function handOff(deps: CohortActivityDeps, input: HandOff): Promise<void> {
  const journey = await deps.journeys.version(input.journeyId, input.version);
  if (!journey) throw ApplicationFailure.nonRetryable(`journey ${input.journeyId} v${input.version} is not published`, 'JourneyVersionMissing');
  await eachOf(input.members, deps.concurrency ?? 8, async (m) => {
    const row = await deps.db.selectFrom('enrolments').select(['status', 'cohort_id']).where('workflow_id', '=', m.workflowId).executeTakeFirst();
    // Handed off before (a retried activity), or gone: nothing to start.
    if (!row || row.status !== 'active' || row.cohort_id !== input.cohortId) return;
    try {
      await deps.client.workflow.start<typeof journeyWorkflow>('journeyWorkflow', {
        workflowId: m.workflowId,
        taskQueue: laneTaskQueue(deps.taskQueue, journeyLane(journey, m.entry.type)),
        args: [{ journey, version: input.version, entry: m.entry, carried: m.carried, enrolmentRun: input.enrolmentRun }],
        // An earlier enrolment under this id (a re-entry) has ended; the running one, if started by a retry, is kept.
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
      });
    } catch (e) {
      if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
    }
    await deps.db.updateTable('enrolments').set({ cohort_id: null }).where('workflow_id', '=', m.workflowId).where('cohort_id', '=', input.cohortId).execute();
  });
}

/** `work` on every item, at most `width` at once; results in the items' order. */
async function eachOf<T, R>(items: readonly T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
  return results;
}
