import { join } from 'node:path';
import type { WorkflowBundleOption } from '@temporalio/worker';
import { createRegistry } from '../engine/index';
import type { MessageDispatcher } from './messaging/dispatcher';
import { composeEventPipeline } from './compose/event-pipeline';
import { composeAppContext, startHttpApi, type HttpApi } from './compose/http-api';
import { startDelivery } from './compose/messaging';
import { ensureSchedules } from './compose/schedules';
import { openStores, shopTimezone } from './compose/stores';
import { connectConfiguredTemporal } from './compose/temporal';
import { startJourneyWorkers, type LaneWorkers } from './compose/worker';
import type { Config } from './config';
import { openDatabase } from './db/database';
import { loadOrCreateToken } from './http/auth';
import type { AppContext } from './http/context';
import { createLogger, type Logger } from './logger';
import { loadPlugins } from './compose/load-plugins';
import type { TemporalHandle } from './temporal/connect';

export interface Huitou {
  /** The HTTP server's base URL (absent for a worker-only process). */
  url?: string | undefined;
  token: string;
  tokenGenerated: boolean;
  temporal: TemporalHandle;
  context: AppContext;
  /** The journey workers, one per lane (absent when this process is only the server). */
  worker?: LaneWorkers | undefined;
  stop(): Promise<void>;
}

export interface StartOptions {
  log?: Logger;
  /** An existing Temporal connection (tests share one server); otherwise per the config. */
  temporal?: TemporalHandle;
  /** A prebuilt workflow bundle (tests bundle once). */
  workflowBundle?: WorkflowBundleOption;
}

/**
 * Starts Huitou's parts for the configured role. Shared by every role: plugins, database, Temporal,
 * the stores and the event pipeline. The worker role adds the journey worker and delivery of the
 * outbox; the server role the HTTP API, the schedules and the router's passes. `all` runs both.
 * Each role is composed in its own file under compose/.
 */
export async function startHuitou(config: Config, options: StartOptions = {}): Promise<Huitou> {
  const log = options.log ?? createLogger();
  // Plugins first: a bad one stops the start before anything is opened.
  const plugins = await loadPlugins(config.plugins.manifest, { required: config.plugins.required });
  if (plugins.length > 0) log.info({ plugins: plugins.map((p) => p.entry), manifest: config.plugins.manifest }, 'plugins loaded');
  const db = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : join(config.dataDir, 'db'),
  });
  const temporal = options.temporal ?? (await connectConfiguredTemporal(config, log));
  const registry = createRegistry(plugins.flatMap((p) => p.definitions));
  const stores = openStores(db, { deliverTasks: config.wecom !== undefined });
  const pipeline = composeEventPipeline({
    config,
    db,
    stores,
    registry,
    temporal,
    log,
  });
  const context = composeAppContext({
    config,
    db,
    stores,
    registry,
    pipeline,
    temporal,
    log,
  });
  const { token, generated } = loadOrCreateToken(join(config.dataDir, 'api-token'));

  let worker: LaneWorkers | undefined;
  let dispatcher: MessageDispatcher | undefined;
  if (config.role !== 'server') {
    worker = await startJourneyWorkers({
      config,
      db,
      stores,
      registry,
      pipeline,
      temporal,
      workflowBundle: options.workflowBundle,
      log,
    });
    dispatcher = startDelivery(config, db, log, async () => (await stores.settings.shop()).sms.signature);
  }

  let http: HttpApi | undefined;
  if (config.role !== 'worker') {
    http = await startHttpApi(config, context, token);
    await ensureSchedules(temporal.client, config.taskQueue, await shopTimezone(stores.settings)());
    pipeline.router.start();
    void pipeline.router.kick().catch((e: Error) => log.warn({ err: e.message }, 'event routing pass failed'));
  }

  return {
    url: http?.url,
    token,
    tokenGenerated: generated,
    temporal,
    context,
    worker,
    async stop() {
      // Each part stops even if an earlier one failed, so no Temporal dev server is left behind.
      const steps: (() => Promise<unknown>)[] = [
        () => pipeline.router.stop(),
        async () => http?.app.close(),
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
