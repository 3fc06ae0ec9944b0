import type { FastifyInstance } from 'fastify';
import { getKpis } from '../../../contract/index';
import { computeKpis } from '../../kpis/compute';
import type { AppContext } from '../context';
import { route } from '../endpoint';

export function kpiRoutes(app: FastifyInstance, ctx: AppContext): void {
  /** The KPI board as of `asOf` (default now); docs/kpis.md defines each figure. */
  route(app, getKpis, async ({ query }) => {
    const started = performance.now();
    const kpis = await computeKpis(ctx.db, query, { settings: await ctx.settings.shop() });
    ctx.log.debug({ asOf: kpis.asOf, periodDays: query.periodDays, ms: Math.round(performance.now() - started) }, 'kpis computed');
    return kpis;
  });
}
