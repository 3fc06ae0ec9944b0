import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { factCatalog, operatorNames } from '../../../engine/index';
import type { AppContext } from '../context';
import { access } from '../route-access';
import { openApiDocument } from '../openapi';

export function metaRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/health', access('public'), async (_request, reply) => {
    const [database, temporal] = await Promise.all([
      sql`select 1`.execute(ctx.db).then(() => 'ok', (e: Error) => `unreachable: ${e.message}`),
      // While the embedded server is being restarted, say so rather than wait on a dead port.
      ctx.temporal.embedded?.() === 'recovering'
        ? 'recovering'
        : ctx.temporal.client.connection.workflowService.getSystemInfo({}).then(() => 'ok', (e: Error) => `unreachable: ${e.message}`),
    ]);
    const ok = database === 'ok' && temporal === 'ok';
    return reply.code(ok ? 200 : 503).send({ ok, database, temporal });
  });

  app.get('/api/node-types', access('analyst'), async () => ({ nodeTypes: ctx.registry.describe(), channels: ctx.registry.channels() }));

  app.get('/api/facts', access('analyst'), async () => ({ facts: factCatalog, operators: operatorNames }));

  const document = openApiDocument();
  app.get('/api/openapi.json', access('analyst'), async () => document);
}
