import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { ApiTokens } from './api-tokens';
import { registerAuth } from './auth';
import { knownContacts } from '../facts/pii-contacts';
import { canonicalRouting } from './canonical-url';
import { registerPiiMasking } from './pii-masking';
import type { AppContext } from './context';
import { allPublic, isApiPath, RouteTable } from './route-access';
import { clientErrorBody, DEFAULT_BODY_LIMIT, registerLimits } from './limits';
import { requireContractEntries } from './endpoint';
import { analyzeRoutes } from './routes/analyze';
import { consentRoutes } from './routes/consent';
import { couponRoutes } from './routes/coupons';
import { customerRoutes } from './routes/customers';
import { eventRoutes } from './routes/events';
import { importRoutes } from './routes/import';
import { journeyRoutes } from './routes/journeys';
import { journeyStatsRoutes } from './routes/journey-stats';
import { journeyVersionRoutes } from './routes/journey-versions';
import { journeyTemplateRoutes } from './routes/journey-templates';
import { kpiRoutes } from './routes/kpis';
import { messageRoutes } from './routes/messages';
import { metaRoutes } from './routes/meta';
import { settingsRoutes } from './routes/settings';
import { simulateRoutes } from './routes/simulate';
import { tagRoutes } from './routes/tags';
import { tagRuleRoutes } from './routes/tag-rules';
import { segmentRoutes } from './routes/segments';
import { templateRoutes } from './routes/templates';
import { tokenRoutes } from './routes/tokens';
import { triggerRoutes } from './routes/triggers';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with who may call it (route-access.ts). */
    routeAccess: RouteTable;
  }
}

export interface AppOptions {
  token: string;
  /** The built designer (designer/dist); served at / when present. */
  designerDir?: string | undefined;
}

/** The HTTP server: the API under /api, the designer at /. */
export async function buildApp(ctx: AppContext, options: AppOptions): Promise<FastifyInstance> {
  // Fastify's own request logging would print URLs with customer ids; we log what we choose.
  // Routed (and so authorised) by one canonical spelling of each path: canonical-url.ts.
  const routes = new RouteTable();
  const app = Fastify({ logger: false, bodyLimit: DEFAULT_BODY_LIMIT, ...canonicalRouting(routes) });
  registerLimits(app);
  const tokens = new ApiTokens(ctx.db);
  registerAuth(app, routes, options.token, tokens);
  // Every route under /api comes from its contract entry (contract/), and every entry has its route.
  requireContractEntries(app);
  app.decorate('routeAccess', routes);
  // Personal data in any answer is masked here, for every route, by the caller's role.
  registerPiiMasking(app, (ids) => knownContacts(ctx.db, ids));
  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    if (error.statusCode && error.statusCode < 500) {
      return reply.code(error.statusCode).send(clientErrorBody(error, request));
    }
    ctx.log.error({ err: error.message, url: request.routeOptions.url }, 'request failed');
    return reply.code(500).send({ error: 'internal', message: 'something went wrong on our side; it is logged' });
  });
  metaRoutes(app, ctx);
  journeyRoutes(app, ctx);
  journeyStatsRoutes(app, ctx);
  journeyVersionRoutes(app, ctx);
  journeyTemplateRoutes(app, ctx);
  eventRoutes(app, ctx);
  importRoutes(app, ctx);
  messageRoutes(app, ctx);
  kpiRoutes(app, ctx);
  customerRoutes(app, ctx);
  consentRoutes(app, ctx);
  settingsRoutes(app, ctx);
  tagRoutes(app, ctx);
  tagRuleRoutes(app, ctx);
  segmentRoutes(app, ctx);
  couponRoutes(app, ctx);
  templateRoutes(app, ctx);
  simulateRoutes(app, ctx);
  analyzeRoutes(app, ctx);
  triggerRoutes(app, ctx);
  tokenRoutes(app, tokens, ctx.log);
  const designerDir = options.designerDir && existsSync(options.designerDir) ? options.designerDir : undefined;
  // The designer's files, and its page for any other path outside /api: public, they hold no data.
  await app.register(async (site) => {
    allPublic(site);
    if (designerDir) await site.register(fastifyStatic, { root: designerDir, prefix: '/', wildcard: false });
    site.setNotFoundHandler((request, reply) => {
      if (isApiPath(request.url) || !designerDir) {
        return reply.code(404).send({ error: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` });
      }
      return reply.sendFile('index.html');
    });
  });
  return app;
}
