import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createRegistry, localDate, officialDay, validateJourney, type CustomerUpdatedData, type Journey } from '../../engine/index';
import { createActionServices } from '../../server/worker/action-services';
import { unavailableParts } from '../../server/worker/unavailable-services';
import { FactsService } from '../../server/facts/facts-service';
import { SettingsStore } from '../../server/facts/settings-store';
import { Customers } from '../../server/customers/customers';
import { Enrolments } from '../../server/journeys/enrolments';
import { Outbox } from '../../server/messaging/outbox';
import { createActivities } from '../../server/worker/journey-activities';
import type { journeyWorkflow } from '../../workflows/journey-workflow';
import { eventSignal, progressQuery } from '../../workflows/shared';
import { openTestDatabase, type TestDatabase } from '../support/databases';
import { orderEvent, uniqueId } from '../support/journeys';
import { birthdayJourney, nextMondayUtc, randomSplitJourney, windowJourney } from './calendar-journeys';
import { createTimeSkippingEnvironment, quietTemporalForTests } from './harness';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Waits on the calendar — a time-of-day window, the day before a birthday — on Temporal's
 * time-skipping test server with the real workflow bundle and real activities. Each case first
 * moves the server's clock to a Monday 00:00 UTC ahead (`anchor`), so the weekdays and local
 * times below hold whenever the suite runs.
 */
describe('calendar waits on the time-skipping test server', () => {
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

  const started: Handle[] = [];

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

  /** Moves the server's clock forward to `at` (it only goes forward). */
  async function skipTo(at: number) {
    const now = await env.currentTimeMs();
    if (at > now) await env.sleep(at - now);
  }

  /** A Monday 00:00 UTC ahead of the server's clock. */
  const anchor = async () => nextMondayUtc(await env.currentTimeMs());

  async function enrol(taskQueue: string, journey: Journey, profile: CustomerUpdatedData, customer = uniqueId('c')) {
    expect(validateJourney(journey, createRegistry()).problems).toEqual([]);
    const order = uniqueId('o');
    await customers.upsertFromEvent(customer, { name: '王芳', phone: '13800001234' });
    await customers.applyUpdate(customer, profile);
    const entry = orderEvent('order.created', customer, order, { amount: 128 });
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
    await handle.query(progressQuery);
    return { customer, workflowId, handle };
  }

  const messagesOf = async (customerId: string) => (await outbox.list({ customerId })).map((m) => m.nodeId);
  const closedAt = async (handle: Handle) => (await handle.describe()).closeTime!.getTime();
  const exitReason = async (workflowId: string) =>
    (await testDb.db.selectFrom('enrolments').select('exit_reason').where('workflow_id', '=', workflowId).executeTakeFirstOrThrow()).exit_reason;

  it('holds a customer who enters after the window closes until it opens, in their own time zone', async () => {
    const monday = await anchor();
    // Monday 10:00 UTC: 19:00 in Tokyo (the customer's zone), 18:00 in Shanghai (the shop's) —
    // after a 09:00–18:00 weekday window in both. Tokyo opens on Tuesday 00:00 UTC, Shanghai at 01:00.
    await skipTo(monday + 10 * HOUR);
    const journey = windowJourney(uniqueId('window'), { from: '09:00', to: '18:00', weekdays: [1, 2, 3, 4, 5] });
    await withWorker(async (taskQueue) => {
      const { customer, workflowId, handle } = await enrol(taskQueue, journey, { timezone: 'Asia/Tokyo' });
      expect(await handle.query(progressQuery)).toEqual({ nodeId: 'in-hours', paused: false });

      await env.sleep(monday + DAY - MINUTE - (await env.currentTimeMs()));
      expect(await messagesOf(customer)).toEqual([]);
      expect(await handle.query(progressQuery)).toMatchObject({ nodeId: 'in-hours' });

      expect(await handle.result()).toEqual({ exitNodeId: 'done', reason: 'exit-node' });
      expect(await messagesOf(customer)).toEqual(['reminder-sms']);
      expect(await closedAt(handle)).toBeGreaterThanOrEqual(monday + DAY);
      expect(await closedAt(handle)).toBeLessThan(monday + DAY + MINUTE);
      expect(await exitReason(workflowId)).toBe('exit-node:done');
    });
  });

  it('waits for the official working day (or the day off) the window is set to, in the shop zone', async () => {
    // A Friday evening followed by a weekend and a Monday the official calendar leaves ordinary
    // (no holiday, no 调休), so that the expected days are the weekdays themselves.
    let monday = await anchor();
    const plain = (ms: number) => {
      const [year, month, day] = localDate(new Date(ms), 'Asia/Shanghai').split('-').map(Number) as [number, number, number];
      return officialDay({ year, month, day }).holiday === null;
    };
    while (![4, 5, 6, 7].every((d) => plain(monday + d * DAY + 4 * HOUR))) monday += 7 * DAY;
    const friday = monday + 4 * DAY;
    await skipTo(friday + 11 * HOUR); // Friday 19:00 in Shanghai
    const working = windowJourney(uniqueId('working'), { from: '10:00', to: '18:00', days: 'working' });
    const off = windowJourney(uniqueId('off'), { from: '10:00', to: '18:00', days: 'off' });
    await withWorker(async (taskQueue) => {
      const a = await enrol(taskQueue, working, { timezone: 'Asia/Shanghai' });
      const b = await enrol(taskQueue, off, { timezone: 'Asia/Shanghai' });
      // The day off opens on Saturday 10:00 Shanghai (02:00 UTC); the working day on Monday 10:00.
      expect(await b.handle.result()).toEqual({ exitNodeId: 'done', reason: 'exit-node' });
      expect(await closedAt(b.handle)).toBeGreaterThanOrEqual(friday + DAY + 2 * HOUR);
      expect(await closedAt(b.handle)).toBeLessThan(friday + DAY + 2 * HOUR + MINUTE);
      expect(await messagesOf(a.customer)).toEqual([]);
      expect(await a.handle.result()).toEqual({ exitNodeId: 'done', reason: 'exit-node' });
      expect(await messagesOf(a.customer)).toEqual(['reminder-sms']);
      expect(await closedAt(a.handle)).toBeGreaterThanOrEqual(friday + 3 * DAY + 2 * HOUR);
      expect(await closedAt(a.handle)).toBeLessThan(friday + 3 * DAY + 2 * HOUR + MINUTE);
    });
  });

  it('goes on at once when the customer enters inside the window', async () => {
    const monday = await anchor();
    await skipTo(monday + 2 * HOUR); // Monday 11:00 in Tokyo
    const journey = windowJourney(uniqueId('window'), { from: '09:00', to: '18:00', weekdays: [1, 2, 3, 4, 5] });
    await withWorker(async (taskQueue) => {
      const { customer, handle } = await enrol(taskQueue, journey, { timezone: 'Asia/Tokyo' });
      expect(await handle.result()).toEqual({ exitNodeId: 'done', reason: 'exit-node' });
      expect(await messagesOf(customer)).toEqual(['reminder-sms']);
      expect(await closedAt(handle)).toBeLessThan(monday + 2 * HOUR + MINUTE);
    });
  });

  it('sends the birthday greeting at 10:00 on the day before the birthday, in the customer zone', async () => {
    const monday = await anchor();
    await skipTo(monday + HOUR);
    // Birthday on the Thursday 10 days on (a leap year of birth, so any day is a real date).
    const birthday = new Date(monday + 10 * DAY).toISOString().slice(5, 10);
    const eve = monday + 9 * DAY + 10 * HOUR - 8 * HOUR; // 10:00 in Shanghai on the day before
    const journey = birthdayJourney(uniqueId('birthday'));
    await withWorker(async (taskQueue) => {
      const { customer, handle } = await enrol(taskQueue, journey, { birthday: `1992-${birthday}`, timezone: 'Asia/Shanghai' });
      expect(await handle.query(progressQuery)).toEqual({ nodeId: 'birthday-eve', paused: false });

      await env.sleep(eve - MINUTE - (await env.currentTimeMs()));
      expect(await messagesOf(customer)).toEqual([]);

      expect(await handle.result()).toEqual({ exitNodeId: 'done', reason: 'exit-node' });
      expect(await messagesOf(customer)).toEqual(['birthday-sms']);
      expect(await closedAt(handle)).toBeGreaterThanOrEqual(eve);
      expect(await closedAt(handle)).toBeLessThan(eve + MINUTE);
    });
  });

  it("reads 10:00 on the customer's own clock (New York), for a birthday without its year", async () => {
    const monday = await anchor();
    await skipTo(monday + HOUR);
    const birthday = new Date(monday + 10 * DAY).toISOString().slice(5, 10);
    const journey = birthdayJourney(uniqueId('birthday'));
    await withWorker(async (taskQueue) => {
      const { handle } = await enrol(taskQueue, journey, { birthday, timezone: 'America/New_York' });
      expect(await handle.result()).toEqual({ exitNodeId: 'done', reason: 'exit-node' });
      const closed = await closedAt(handle);
      // 10:00 in New York is 14:00 or 15:00 UTC depending on daylight saving time.
      const eveUtcMidnight = monday + 9 * DAY;
      expect([eveUtcMidnight + 14 * HOUR, eveUtcMidnight + 15 * HOUR]).toContain(closed - (closed % MINUTE));
    });
  });

  it('takes missing at once for a customer without a birthday', async () => {
    const journey = birthdayJourney(uniqueId('birthday'));
    await withWorker(async (taskQueue) => {
      const start = await env.currentTimeMs();
      const { customer, workflowId, handle } = await enrol(taskQueue, journey, { timezone: 'Asia/Shanghai' });
      expect(await handle.result()).toEqual({ exitNodeId: 'no-birthday', reason: 'exit-node' });
      expect(await messagesOf(customer)).toEqual([]);
      expect(await closedAt(handle)).toBeLessThan(start + MINUTE);
      expect(await exitReason(workflowId)).toBe('exit-node:no-birthday');
    });
  });

  it('counts a holdout customer at the holdout exit, with nothing sent', async () => {
    const journey = randomSplitJourney(uniqueId('ab'), 50);
    const def = createRegistry().require('split.random');
    const behaviour = def.behaviour;
    if (behaviour.kind !== 'decide') throw new Error('split.random is a decision');
    const config = def.config.parse(journey.nodes.find((n) => n.id === 'ab')!.config);
    // Customers whose stable draw puts them in the holdout and in an arm.
    const pick = async (want: (port: string) => boolean) => {
      for (let i = 0; ; i++) {
        const id = `c-${journey.id}-${i}`;
        if (want(await behaviour.decide(config, {}, { journeyId: journey.id, nodeId: 'ab', customerId: id }))) return id;
      }
    };
    const held = await pick((p) => p === 'holdout');
    const inArm = await pick((p) => p !== 'holdout');
    await withWorker(async (taskQueue) => {
      const holdout = await enrol(taskQueue, journey, {}, held);
      expect(await holdout.handle.result()).toEqual({ exitNodeId: 'held-out', reason: 'exit-node' });
      expect(await messagesOf(held)).toEqual([]);
      expect(await exitReason(holdout.workflowId)).toBe('exit-node:held-out');

      const arm = await enrol(taskQueue, journey, {}, inArm);
      expect(await arm.handle.result()).toEqual({ exitNodeId: 'done', reason: 'exit-node' });
      expect(await messagesOf(inArm)).toHaveLength(1);
      expect(['sms-a', 'sms-b']).toContain((await messagesOf(inArm))[0]);
    });
  });
});
