import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createRegistry, parseIdempotencyKey, type Journey } from '../../engine/index';
import { Customers } from '../../server/customers/customers';
import { FactsService } from '../../server/facts/facts-service';
import { SettingsStore } from '../../server/facts/settings-store';
import { Enrolments } from '../../server/journeys/enrolments';
import { Journeys } from '../../server/journeys/journey-store';
import { StepLog } from '../../server/journeys/step-log';
import { Outbox } from '../../server/messaging/outbox';
import { createActionServices } from '../../server/worker/action-services';
import { createCohortActivities } from '../../server/worker/cohort-activities';
import { createActivities, createJourneyWork, type ActivityDeps } from '../../server/worker/journey-activities';
import { unavailableParts } from '../../server/worker/unavailable-services';
import type { cohortWorkflow } from '../../workflows/cohort-workflow';
import { memberEventSignal } from '../../workflows/cohort-shared';
import { createTimeSkippingEnvironment, quietTemporalForTests } from '../temporal/harness';
import { openTestDatabase, type TestDatabase } from '../support/databases';
import { eventually, lineJourney, orderCreatedTrigger, orderEvent, uniqueId } from '../support/journeys';

const DAY = 86_400_000;

/**
 * Days passing for a cohort, on Temporal's time-skipping test server with the real workflow bundle
 * and the real activities on the embedded database: five members get a message, wait three days on
 * one shared timer, and get the next on the fourth virtual day — except the one who paid meanwhile,
 * whose exit event (signalled to the cohort as the router signals it) takes it out first.
 */
describe('a cohort across days on the time-skipping server', () => {
  let env: TestWorkflowEnvironment;
  let t: TestDatabase;
  beforeAll(async () => {
    quietTemporalForTests();
    [env, t] = await Promise.all([createTimeSkippingEnvironment(), openTestDatabase('embedded')]);
  });
  afterAll(async () => {
    await env?.teardown();
    await t?.close();
  });

  it('shares one timer for a three-day wait, sends on the fourth day under each member’s keys, and lets a payer leave before it', async () => {
    const db = t.db;
    const customers = new Customers(db);
    const journeys = new Journeys(db);
    const enrolments = new Enrolments(db);
    const stepLog = new StepLog(db);
    const registry = createRegistry();
    const deps: ActivityDeps = {
      registry,
      customers,
      outbox: new Outbox(db),
      enrolments,
      facts: new FactsService(db, new SettingsStore(db)),
      services: createActionServices(db, unavailableParts),
      stepLog,
    };
    const taskQueue = uniqueId('cohort-tq');
    const ids = Array.from({ length: 5 }, (_, i) => uniqueId(`d${i}`));
    for (const [i, id] of ids.entries()) await customers.applyUpdate(id, { name: `客${i}`, phone: `1360000${String(i).padStart(4, '0')}` });

    const draft: Journey = lineJourney(
      uniqueId('days'),
      orderCreatedTrigger,
      [
        { id: 'first', type: 'message.send', config: { channel: 'sms', template: '{{customer.name}}，第一天' } },
        { id: 'pause', type: 'wait', config: { duration: 'P3D' } },
        { id: 'fourth', type: 'message.send', config: { channel: 'sms', template: '{{customer.name}}，第四天' } },
      ],
      { exitWhen: [{ eventType: 'order.paid', sameOrder: false }] },
    );
    await journeys.create(draft);
    const { journey, version } = (await journeys.publish(draft.id))!;
    const members = ids.map((customerId) => ({
      workflowId: `journey:${journey.id}:${customerId}`,
      customerId,
      entry: orderEvent('order.created', customerId, uniqueId('o'), { amount: 199 }),
    }));
    const cohortId = `cohort:${journey.id}:${version}:bulk:1`;

    const worker = await Worker.create({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      workflowBundle: { codePath: inject('workflowBundlePath') },
      activities: {
        ...createActivities(deps),
        ...createCohortActivities({ db, registry, journeys, enrolments, stepLog, journey: createJourneyWork(deps), client: env.client, taskQueue }),
      },
    });
    const messages = () =>
      db
        .selectFrom('messages')
        .select(['customer_id', 'node_id', 'idempotency_key', 'created_at'])
        .where('journey_id', '=', journey.id)
        .orderBy('created_at')
        .execute();

    const result = await worker.runUntil(async () => {
      const handle = await env.client.workflow.start<typeof cohortWorkflow>('cohortWorkflow', {
        taskQueue,
        workflowId: cohortId,
        args: [{ cohortId, journey, version, members }],
      });
      // Everyone has the first message (time does not skip while the test is not waiting on a result).
      await eventually(async () => ((await messages()).length === 5 ? true : undefined));
      const payer = members[2]!;
      await handle.signal(memberEventSignal, {
        workflowId: payer.workflowId,
        event: orderEvent('order.paid', payer.customerId, uniqueId('o'), { amount: 199 }),
      });
      const outcome = await handle.result();
      const timers = ((await handle.fetchHistory()).events ?? []).filter((e) => e.timerStartedEventAttributes);
      return { outcome, timers };
    });

    // Five members, one of whom left by exit criteria: one timer for all of them.
    expect(result.outcome.members).toBe(5);
    expect(Object.values(result.outcome.left).reduce((a, b) => a + b, 0)).toBe(5);
    expect(result.timers).toHaveLength(1);
    expect(Number(result.timers[0]!.timerStartedEventAttributes!.startToFireTimeout!.seconds)).toBe((3 * DAY) / 1000);

    const sent = await messages();
    const firsts = sent.filter((m) => m.node_id === 'first');
    const fourths = sent.filter((m) => m.node_id === 'fourth');
    expect(firsts.map((m) => m.customer_id).sort()).toEqual([...ids].sort());
    expect(fourths.map((m) => m.customer_id).sort()).toEqual(ids.filter((_, i) => i !== 2).sort());
    // On the fourth virtual day, three days after the first.
    for (const m of fourths) {
      const first = firsts.find((f) => f.customer_id === m.customer_id)!;
      expect(m.created_at.getTime() - first.created_at.getTime()).toBeGreaterThanOrEqual(3 * DAY);
      expect(m.created_at.getTime() - first.created_at.getTime()).toBeLessThan(3 * DAY + 60_000);
      // Both under the member's enrolment and the cohort's first run: the keys a lone customer's would have.
      const [a, b] = [first, m].map((x) => parseIdempotencyKey(x.idempotency_key)!);
      expect(a!.workflowId).toBe(`journey:${journey.id}:${m.customer_id}`);
      expect(b!.workflowId).toBe(a!.workflowId);
      expect(b!.runId).toBe(a!.runId);
    }
    expect(new Set(sent.map((m) => m.idempotency_key)).size).toBe(sent.length);
  });
});
