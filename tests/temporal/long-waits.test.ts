import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createRegistry, validateJourney, type Journey } from '../../engine/index';
import { FactsService } from '../../server/facts/facts-service';
import { SettingsStore } from '../../server/facts/settings-store';
import { Customers } from '../../server/customers/customers';
import { Enrolments } from '../../server/journeys/enrolments';
import { Outbox } from '../../server/messaging/outbox';
import { createActivities } from '../../server/worker/journey-activities';
import type { journeyWorkflow } from '../../workflows/journey-workflow';
import { eventSignal, pauseSignal, progressQuery, resumeSignal } from '../../workflows/shared';
import { openTestDatabase, type TestDatabase } from '../support/databases';
import { exampleJourney, orderEvent, uniqueId } from '../support/journeys';
import { createTimeSkippingEnvironment, quietTemporalForTests, THREE_DAY_WAIT_NODE, threeDayWaitJourney } from './harness';
import { createActionServices } from '../../server/worker/action-services';
import { unavailableParts } from '../../server/worker/unavailable-services';

const MINUTE = 60_000;

/**
 * Long waits as they are written — the payment reminder's real 25 minutes, a 3-day wait — on
 * Temporal's time-skipping test server, with the real workflow bundle and real activities on the
 * embedded database. Skipped time is virtual: each case takes well under a second of wall time.
 */
describe('long waits on the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  let testDb: TestDatabase;
  let customers: Customers;
  let outbox: Outbox;
  let enrolments: Enrolments;

  type Handle = WorkflowHandle<typeof journeyWorkflow>;

  beforeAll(async () => {
    quietTemporalForTests();
    [env, testDb] = await Promise.all([createTimeSkippingEnvironment(), openTestDatabase('embedded')]);
    customers = new Customers(testDb.db);
    outbox = new Outbox(testDb.db);
    enrolments = new Enrolments(testDb.db);
  });
  afterAll(async () => {
    await env?.teardown();
    await testDb?.close();
  });

  /** Workflows started by the current case; terminated afterwards if still running. */
  const started: Handle[] = [];

  /**
   * Runs `fn` while a worker with the prebuilt bundle and real activities serves a fresh task queue.
   * A workflow a failed case leaves running is terminated: its next workflow task, with no worker
   * left to take it, would hold the shared server's clock and hang every later case.
   */
  async function withWorker<T>(fn: (taskQueue: string) => Promise<T>): Promise<T> {
    const taskQueue = uniqueId('tq');
    const worker = await Worker.create({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      workflowBundle: { codePath: inject('workflowBundlePath') },
      activities: createActivities({
        registry: createRegistry(),
        customers,
        outbox,
        enrolments,
        facts: new FactsService(testDb.db, new SettingsStore(testDb.db)),
        services: createActionServices(testDb.db, unavailableParts),
      }),
    });
    try {
      return await worker.runUntil(fn(taskQueue));
    } finally {
      for (const handle of started.splice(0)) {
        if ((await handle.describe()).status.name === 'RUNNING') await handle.terminate('test case ended');
      }
    }
  }

  /** A customer with a phone places an order: enrols them as the event router would. */
  async function enrol(taskQueue: string, journey: Journey, amount: number) {
    const customer = uniqueId('c');
    const order = uniqueId('o');
    await customers.upsertFromEvent(customer, { name: '王芳', phone: '13800001234' });
    const entry = orderEvent('order.created', customer, order, { amount });
    const workflowId = `journey:${journey.id}:${customer}:${order}`;
    await enrolments.recordStart({ workflowId, journeyId: journey.id, journeyVersion: 1, customerId: customer, entryKey: order, entryEventId: entry.id });
    const handle: Handle = await env.client.workflow.signalWithStart('journeyWorkflow', {
      workflowId,
      taskQueue,
      args: [{ journey, version: 1, entry }],
      signal: eventSignal,
      signalArgs: [entry],
    });
    started.push(handle);
    // The first workflow task has run (the query is answered after it): the wait's timer is set
    // before any time is skipped.
    await handle.query(progressQuery);
    return { customer, order, workflowId, handle };
  }

  const messagesOf = (customerId: string) => outbox.list({ customerId });
  /** Virtual time from start to close, as the server recorded it. */
  const elapsedMs = async (handle: Handle) => {
    const d = await handle.describe();
    return d.closeTime!.getTime() - d.startTime.getTime();
  };

  it('sends one SMS when a small order is still unpaid after the real 25 minutes', async () => {
    const journey = exampleJourney('payment-reminder');
    expect(journey.nodes.find((n) => n.id === 'await-payment')!.config).toMatchObject({ timeout: 'PT25M' });
    await withWorker(async (taskQueue) => {
      const { customer, order, workflowId, handle } = await enrol(taskQueue, journey, 128);
      expect(await handle.query(progressQuery)).toEqual({ nodeId: 'await-payment', paused: false, waitingFor: 'order.paid' });

      await env.sleep('24 minutes');
      expect(await messagesOf(customer)).toEqual([]);
      expect(await handle.query(progressQuery)).toMatchObject({ nodeId: 'await-payment' });

      expect(await handle.result()).toEqual({ exitNodeId: 'done', reason: 'exit-node' });
      const messages = await messagesOf(customer);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({ channel: 'sms', recipient: '13800001234', status: 'queued', nodeId: 'reminder-sms', journeyId: journey.id });
      expect(messages[0]!.text).toContain(order);
      expect(await elapsedMs(handle)).toBeGreaterThanOrEqual(25 * MINUTE);
      expect(await elapsedMs(handle)).toBeLessThan(26 * MINUTE);
      expect(await enrolments.find(workflowId)).toMatchObject({ status: 'completed' });
    });
  });

  it('exits at `paid` with no message when the order is paid at minute 20', async () => {
    const journey = exampleJourney('payment-reminder');
    await withWorker(async (taskQueue) => {
      const { customer, order, handle } = await enrol(taskQueue, journey, 128);
      await env.sleep('20 minutes');
      await handle.signal(eventSignal, orderEvent('order.paid', customer, order, { amount: 128 }));

      expect(await handle.result()).toEqual({ exitNodeId: 'paid', reason: 'exit-node' });
      expect(await messagesOf(customer)).toEqual([]);
      expect(await elapsedMs(handle)).toBeGreaterThanOrEqual(20 * MINUTE);
      expect(await elapsedMs(handle)).toBeLessThan(21 * MINUTE);
    });
  });

  it('keeps waiting the full 25 minutes when another order is paid at minute 5', async () => {
    const journey = exampleJourney('payment-reminder');
    await withWorker(async (taskQueue) => {
      const { customer, handle } = await enrol(taskQueue, journey, 128);
      await env.sleep('5 minutes');
      await handle.signal(eventSignal, orderEvent('order.paid', customer, uniqueId('other-order'), { amount: 128 }));
      expect(await handle.query(progressQuery)).toEqual({ nodeId: 'await-payment', paused: false, waitingFor: 'order.paid' });

      expect(await handle.result()).toEqual({ exitNodeId: 'done', reason: 'exit-node' });
      expect((await messagesOf(customer)).map((m) => m.nodeId)).toEqual(['reminder-sms']);
      // The unrelated payment neither ended the wait nor restarted its 25 minutes.
      expect(await elapsedMs(handle)).toBeGreaterThanOrEqual(25 * MINUTE);
      expect(await elapsedMs(handle)).toBeLessThan(26 * MINUTE);
    });
  });

  it('runs a 3-day wait node to its message', async () => {
    const journey = threeDayWaitJourney(uniqueId('three-day-wait'));
    expect(validateJourney(journey, createRegistry()).problems).toEqual([]);
    await withWorker(async (taskQueue) => {
      const { customer, handle } = await enrol(taskQueue, journey, 128);
      expect(await handle.query(progressQuery)).toEqual({ nodeId: THREE_DAY_WAIT_NODE, paused: false });

      await env.sleep('2 days');
      expect(await handle.query(progressQuery)).toEqual({ nodeId: THREE_DAY_WAIT_NODE, paused: false });
      expect(await messagesOf(customer)).toEqual([]);

      expect(await handle.result()).toEqual({ exitNodeId: 'done', reason: 'exit-node' });
      expect((await messagesOf(customer)).map((m) => [m.channel, m.nodeId])).toEqual([['sms', 'reminder-sms']]);
      expect(await elapsedMs(handle)).toBeGreaterThanOrEqual(3 * 24 * 60 * MINUTE);
      expect(await elapsedMs(handle)).toBeLessThan((3 * 24 * 60 + 1) * MINUTE);
    });
  });

  it('holds a paused customer past the timeout and sends once on resume', async () => {
    const journey = exampleJourney('payment-reminder');
    await withWorker(async (taskQueue) => {
      const { customer, handle } = await enrol(taskQueue, journey, 128);
      await handle.signal(pauseSignal);
      expect(await handle.query(progressQuery)).toEqual({ nodeId: 'await-payment', paused: true, waitingFor: 'order.paid' });

      await env.sleep('30 minutes');
      // The wait timed out and the customer moved on to the decision, where the pause holds them.
      expect(await handle.query(progressQuery)).toEqual({ nodeId: 'high-value', paused: true });
      expect(await messagesOf(customer)).toEqual([]);
      expect((await handle.describe()).status.name).toBe('RUNNING');

      await handle.signal(resumeSignal);
      expect(await handle.result()).toEqual({ exitNodeId: 'done', reason: 'exit-node' });
      expect((await messagesOf(customer)).map((m) => [m.channel, m.nodeId])).toEqual([['sms', 'reminder-sms']]);
      expect(await elapsedMs(handle)).toBeGreaterThanOrEqual(30 * MINUTE);
    });
  });
});
