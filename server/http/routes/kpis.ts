import type { FastifyInstance } from 'fastify';
import { zodProblems } from '../../../engine/index';
import { computeKpis } from '../../kpis/compute';
import { kpiQuerySchema } from '../../kpis/types';
import type { AppContext } from '../context';
import { access } from '../route-access';

export function kpiRoutes(app: FastifyInstance, ctx: AppContext): void {
  /** The KPI board as of `asOf` (default now); docs/kpis.md defines each figure. */
  app.get('/api/kpis', access('analyst'), async (request, reply) => {
    const query = kpiQuerySchema.safeParse(request.query);
    if (!query.success) {
      const problems = zodProblems(query.error, []);
      return reply.code(400).send({ error: 'invalid_query', message: problems.map((p) => p.message).join('; '), problems });
    }
    const started = performance.now();
    const kpis = await computeKpis(ctx.db, query.data, { settings: await ctx.settings.shop() });
    ctx.log.debug({ asOf: kpis.asOf, periodDays: query.data.periodDays, ms: Math.round(performance.now() - started) }, 'kpis computed');
    return kpis;
  });
}
