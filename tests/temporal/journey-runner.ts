import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import { createRegistry, stampForPublish, validateJourney, type CustomerEvent, type Journey } from '../../engine/index';
import { createActionServices } from '../../server/worker/action-services';
import { unavailableParts } from '../../server/worker/unavailable-services';
import { Coupons } from '../../server/coupons/coupon-service';
import { FactsService } from '../../server/facts/facts-service';
import { SettingsStore } from '../../server/facts/settings-store';
import { Customers } from '../../server/customers/customers';
import { Enrolments } from '../../server/journeys/enrolments';
import { Outbox } from '../../server/messaging/outbox';
import { createActivities } from '../../server/worker/journey-activities';
import type { journeyWorkflow } from '../../workflows/journey-workflow';
import { eventSignal, progressQuery } from '../../workflows/shared';
import type { TestDatabase } from '../support/databases';
import { uniqueId } from '../support/journeys';

export type JourneyHandle = WorkflowHandle<typeof journeyWorkflow>;

/**
 * Runs published journeys on Temporal's time-skipping test server with the real workflow bundle
 * and the real activities over a test database (coupons, outbox with the shop's guardrails,
 * facts), so a multi-day journey plays out in seconds with messages stamped in virtual time.
 */
export class TimeSkippingJourneys {
  readonly registry = createRegistry();
  readonly customers: Customers;
  readonly outbox: Outbox;
  readonly enrolments: Enrolments;
  readonly settings: SettingsStore;
  readonly #started: JourneyHandle[] = [];

  constructor(
    readonly env: TestWorkflowEnvironment,
    readonly testDb: TestDatabase,
  ) {
    this.customers = new Customers(testDb.db);
    this.settings = new SettingsStore(testDb.db);
    this.outbox = new Outbox(testDb.db, async () => {
      const shop = await this.settings.shop();
      return { messaging: shop.messaging, timezone: shop.timezone };
    });
    this.enrolments = new Enrolments(testDb.db);
  }

  /** Runs `fn` with a worker on a fresh task queue; journeys still running afterwards are ended. */
  async withWorker<T>(fn: (taskQueue: string) => Promise<T>): Promise<T> {
    const taskQueue = uniqueId('tq');
    const worker = await Worker.create({
      connection: this.env.nativeConnection,
      namespace: this.env.namespace ?? 'default',
      taskQueue,
      workflowBundle: { codePath: inject('workflowBundlePath') },
      activities: createActivities({
        registry: this.registry,
        customers: this.customers,
        outbox: this.outbox,
        enrolments: this.enrolments,
        facts: new FactsService(this.testDb.db, this.settings),
        services: createActionServices(this.testDb.db, { ...unavailableParts, coupons: new Coupons(this.testDb.db) }),
        issuedCoupons: new Coupons(this.testDb.db),
      }),
    });
    try {
      return await worker.runUntil(fn(taskQueue));
    } finally {
      for (const handle of this.#started.splice(0)) {
        if ((await handle.describe()).status.name === 'RUNNING') await handle.terminate('test case ended');
      }
    }
  }

  /** Moves the server's clock forward to `at` (it only goes forward). */
  async skipTo(at: number): Promise<void> {
    const now = await this.env.currentTimeMs();
    if (at > now) await this.env.sleep(at - now);
  }

  /** Enrols a customer as the router would: the published (stamped) document, the entry event. */
  async enrol(taskQueue: string, journey: Journey, entry: CustomerEvent, entryKey?: string): Promise<{ workflowId: string; handle: JourneyHandle }> {
    const checked = validateJourney(journey, this.registry);
    if (!checked.ok) throw new Error(`journey ${journey.id} has problems: ${checked.problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
    const published = stampForPublish({ ...checked.journey, status: 'live', version: 1 }, this.registry);
    const workflowId = ['journey', journey.id, entry.customerId, ...(entryKey ? [entryKey] : [])].join(':');
    await this.enrolments.recordStart({ workflowId, journeyId: journey.id, journeyVersion: 1, customerId: entry.customerId, entryKey, entryEventId: entry.id });
    const handle: JourneyHandle = await this.env.client.workflow.signalWithStart('journeyWorkflow', {
      workflowId,
      taskQueue,
      args: [{ journey: published, version: 1, entry }],
      signal: eventSignal,
      signalArgs: [entry],
    });
    this.#started.push(handle);
    await handle.query(progressQuery);
    return { workflowId, handle };
  }

  /** A customer with a profile (a Shanghai customer with phone and email unless `profile` says otherwise). */
  async newCustomer(profile: Record<string, string> = {}): Promise<string> {
    const id = uniqueId('c');
    await this.customers.applyUpdate(id, { name: '王芳', phone: '13800001234', email: 'wangfang@example.com', timezone: 'Asia/Shanghai', ...profile });
    return id;
  }

  /** An event of the customer at an instant (epoch ms). */
  event(type: string, customerId: string, at: number, data: Record<string, unknown> = {}): CustomerEvent {
    return { id: uniqueId('evt'), type, customerId, occurredAt: new Date(at).toISOString(), data };
  }

  /** The customer's messages, oldest first: node, channel, virtual time, text. */
  async messages(customerId: string): Promise<{ nodeId: string; channel: string; at: number; text: string; status: string }[]> {
    const rows = await this.outbox.list({ customerId, limit: 1000 });
    return rows.map((m) => ({ nodeId: m.nodeId, channel: m.channel, at: Date.parse(m.createdAt), text: m.text, status: m.status })).sort((a, b) => a.at - b.at);
  }
}
