import { join } from 'node:path';
import type { WorkflowBundleOption } from '@temporalio/worker';
import { createRegistry } from '../engine/index';
import { createActivities } from './worker/journey-activities';
import { createFactsActivities } from './worker/facts-activities';
import { StepLog } from './store/step-log';
import { createJourneyWorker } from './worker/journey-worker';
import type { Config } from './config';
import { openDatabase } from './db/database';
import { loadOrCreateToken } from './http/auth';
import { buildApp } from './http/app';
import type { AppContext } from './http/context';
import { createLogger, type Logger } from './logger';
import { FactsService } from './facts/facts-service';
import { FactsFollower } from './facts/follow-events';
import { ensureFactsSchedule } from './facts/schedule';
import { ensureCalendarSchedule } from './triggers/calendar-schedule';
import { createTriggerServices } from './triggers/services';
import { createTriggerActivities } from './worker/trigger-activities';
import { SettingsStore } from './facts/settings-store';
import { EventRouter } from './routing/event-router';
import { Customers } from './store/customers';
import { Enrolments } from './store/enrolments';
import { Events } from './store/events';
import { Journeys } from './store/journeys';
import { Orders } from './store/orders';
import { Outbox } from './store/outbox';
import { Conversions } from './routing/conversions';
import { TemplateCatalog } from './journey-templates/catalog';
import { createActionServices } from './actions/services';
import { unavailableParts } from './actions/unavailable';
import { createOutboundHttp } from './actions/outbound-http';
import { MessageDispatcher } from './channels/dispatcher';
import { channelProviders } from './channels/providers';
import { Coupons } from './coupons/coupon-service';
import { loadPlugins } from './plugins/load-plugins';
import { Products } from './store/products';
import { connectTemporal, type TemporalHandle } from './temporal/connect';
import { keepWorkerRunning, type KeptWorker } from './temporal/kept-worker';
import { workerLimits } from './temporal/memory-budget';
import { withWorkflowThreadHeap } from './temporal/workflow-heap';

export interface Huitou {
  /** The HTTP server's base URL (absent for a worker-only process). */
  url?: string | undefined;
  token: string;
  tokenGenerated: boolean;
  temporal: TemporalHandle;
  context: AppContext;
  /** The journey worker (absent when this process is only the server). */
  worker?: KeptWorker | undefined;
  stop(): Promise<void>;
}

export interface StartOptions {
  log?: Logger;
  /** An existing Temporal connection (tests share one server); otherwise per the config. */
  temporal?: TemporalHandle;
  /** A prebuilt workflow bundle (tests bundle once). */
  workflowBundle?: WorkflowBundleOption;
}

/** Starts Huitou's parts for the configured role: database, Temporal, worker, router, HTTP server. */
export async function startHuitou(config: Config, options: StartOptions = {}): Promise<Huitou> {
  const log = options.log ?? createLogger();
  // Plugins first: a bad one stops the start before anything is opened.
  const plugins = await loadPlugins(config.plugins.manifest, { required: config.plugins.required });
  if (plugins.length > 0) log.info({ plugins: plugins.map((p) => p.entry), manifest: config.plugins.manifest }, 'plugins loaded');
  const db = await openDatabase({ url: config.databaseUrl, dataDir: config.databaseUrl ? undefined : join(config.dataDir, 'db') });
  const temporal =
    options.temporal ??
    (await connectTemporal({
      address: config.temporalAddress,
      namespace: config.temporalNamespace,
      dbFile: join(config.dataDir, 'temporal.db'),
      cacheDir: config.binCacheDir,
      port: config.temporalPort,
      uiPort: config.temporalUiPort,
      log,
    }));
  const registry = createRegistry(plugins.flatMap((p) => p.definitions));
  const journeys = new Journeys(db);
  const events = new Events(db);
  const customers = new Customers(db);
  const orders = new Orders(db);
  const products = new Products(db);
  const enrolments = new Enrolments(db);
  const outbox = new Outbox(db, async () => {
    const shop = await settings.shop();
    return { messaging: shop.messaging, timezone: shop.timezone };
  });
  const coupons = new Coupons(db);
  const settings = new SettingsStore(db);
  const facts = new FactsService(db, settings);
  const timezone = async () => (await settings.shop()).timezone;
  const follower = new FactsFollower({ facts, events, timezone, log });
  const conversions = new Conversions(db);
  const router = new EventRouter({ client: temporal.client, taskQueue: config.taskQueue, registry, journeys, events, enrolments, log, conversions, beforeRoute: (e) => follower.afterEvent(e) });
  const context: AppContext = { db, registry, journeys, events, customers, orders, products, enrolments, outbox, conversions, templates: new TemplateCatalog(), settings, facts, router, temporal: { client: temporal.client, namespace: temporal.namespace, embedded: temporal.embedded?.state }, log, httpAllow: config.httpAllow };
  const triggers = createTriggerServices({ db, journeys, events, registry, client: temporal.client, taskQueue: config.taskQueue, timezone, log });
  context.triggers = triggers;
  const { token, generated } = loadOrCreateToken(join(config.dataDir, 'api-token'));

  let worker: KeptWorker | undefined;
  let dispatcher: MessageDispatcher | undefined;
  if (config.role !== 'server') {
    const limits = workerLimits(config.workerMemoryMb);
    const activities = { ...createActivities({ registry, customers, outbox, enrolments, facts, issuedCoupons: coupons, stepLog: new StepLog(db), services: createActionServices(db, { ...unavailableParts, coupons, http: createOutboundHttp({ allow: config.httpAllow }) }, { afterCustomerChange: (id) => follower.afterChange(id) }) }), ...createFactsActivities({ facts }), ...createTriggerActivities({ ...triggers, kickRouter: config.role === 'worker' ? undefined : () => void router.kick().catch(() => undefined) }) };
    const create = () =>
      withWorkflowThreadHeap(limits.workflowThreadHeapMb, () =>
        createJourneyWorker({ connection: temporal.workerConnection, namespace: temporal.namespace, taskQueue: config.taskQueue, activities, workflowBundle: options.workflowBundle, limits }),
      );
    log.info({ limits }, 'journey worker limits from its memory budget');
    worker = await keepWorkerRunning(create, log);
    // Workers deliver the outbox too; claims make any number of them safe together.
    dispatcher = new MessageDispatcher({ db, providers: channelProviders(config), log, maxAttempts: config.deliveryAttempts });
    dispatcher.start();
  }

  let url: string | undefined;
  const app = config.role === 'worker' ? undefined : await buildApp(context, { token, designerDir: config.designerDir });
  if (app) {
    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    url = `http://${config.host}:${port}`;
    await ensureFactsSchedule(temporal.client, config.taskQueue, await timezone());
    await ensureCalendarSchedule(temporal.client, config.taskQueue, await timezone());
    router.start();
    void router.kick().catch((e: Error) => log.warn({ err: e.message }, 'event routing pass failed'));
  }

  return {
    url,
    token,
    tokenGenerated: generated,
    temporal,
    context,
    worker,
    async stop() {
      // Each part stops even if an earlier one failed, so no Temporal dev server is left behind.
      const steps: (() => Promise<unknown>)[] = [
        () => router.stop(),
        async () => app?.close(),
        async () => worker?.stop(),
        async () => dispatcher?.stop(),
        async () => (options.temporal ? undefined : temporal.close()),
        () => db.destroy(),
      ];
      const failures: unknown[] = [];
      for (const step of steps) await step().catch((e: unknown) => failures.push(e));
      if (failures.length > 0) throw new AggregateError(failures, 'some parts did not stop cleanly');
    },
  };
}
