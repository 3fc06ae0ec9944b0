import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { facts, health, nodeTypes, openApi } from '../../../contract/index';
import { factCatalog, operatorNames } from '../../../engine/index';
import type { AppContext } from '../context';
import { route } from '../endpoint';
import { openApiDocument } from '../openapi';

export function metaRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, health, async ({ reply }) => {
    const [database, temporal] = await Promise.all([
      sql`select 1`.execute(ctx.db).then(
        () => 'ok',
        (e: Error) => `unreachable: ${e.message}`,
      ),
      // While the embedded server is being restarted, say so rather than wait on a dead port.
      ctx.temporal.embedded?.() === 'recovering'
        ? 'recovering'
        : ctx.temporal.client.connection.workflowService.getSystemInfo({}).then(
            () => 'ok',
            (e: Error) => `unreachable: ${e.message}`,
          ),
    ]);
    const ok = database === 'ok' && temporal === 'ok';
    return reply.code(ok ? 200 : 503).send({ ok, database, temporal });
  });

  route(app, nodeTypes, async () => ({ nodeTypes: ctx.registry.describe(), channels: ctx.registry.channels() }));

  route(app, facts, async () => ({ facts: factCatalog, operators: operatorNames }));

  const document = openApiDocument();
  route(app, openApi, async () => document);
}
