import type { FastifyInstance } from 'fastify';
import type { NodeRegistry } from '../../engine/index';
import type { Config } from '../config';
import type { Db } from '../db/database';
import { buildApp } from '../http/app';
import type { AppContext } from '../http/context';
import { TemplateCatalog } from '../journeys/templates/catalog';
import type { Logger } from '../logger';
import { unsubscribeSecret } from '../messaging/unsubscribe-token';
import type { TemporalHandle } from '../temporal/connect';
import type { EventPipeline } from './event-pipeline';
import type { Stores } from './stores';

export interface ContextParts {
  config: Pick<Config, 'httpAllow' | 'unsubscribeSecret'> & Partial<Pick<Config, 'smsProvider'>>;
  db: Db;
  stores: Stores;
  registry: NodeRegistry;
  pipeline: EventPipeline;
  temporal: TemporalHandle;
  log: Logger;
}

/** Everything the HTTP routes use, each part named (the process's handle on its parts, too). */
export function composeAppContext({ config, db, stores, registry, pipeline, temporal, log }: ContextParts): AppContext {
  return {
    db,
    registry,
    journeys: stores.journeys,
    events: stores.events,
    customers: stores.customers,
    orders: stores.orders,
    products: stores.products,
    enrolments: stores.enrolments,
    outbox: stores.outbox,
    conversions: stores.conversions,
    templates: new TemplateCatalog(),
    settings: stores.settings,
    facts: stores.facts,
    router: pipeline.router,
    temporal: {
      client: temporal.client,
      namespace: temporal.namespace,
      embedded: temporal.embedded?.state,
    },
    log,
    triggers: pipeline.triggers,
    httpAllow: config.httpAllow,
    smsProvider: config.smsProvider?.kind,
    unsubscribeSecret: unsubscribeSecret(db, config.unsubscribeSecret),
  };
}

export interface HttpApi {
  app: FastifyInstance;
  /** The server's base URL, with the port it got (the configured one, or the one given for port 0). */
  url: string;
}

/** The API under /api and the designer at /, listening on the configured host and port. */
export async function startHttpApi(config: Config, context: AppContext, token: string): Promise<HttpApi> {
  const app = await buildApp(context, {
    token,
    designerDir: config.designerDir,
  });
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return { app, url: `http://${config.host}:${port}` };
}
