import type { FastifyInstance } from 'fastify';
import { journeyStats } from '../../../contract/index';
import { StepLog } from '../../journeys/step-log';
import type { AppContext } from '../context';
import { route } from '../endpoint';

/**
 * Live per-node figures of a journey (server/journeys/step-log.ts): customers who entered, wait now
 * and passed each node, its messages by outcome and the conversions credited to it. Read-only, so
 * analysts may call it; the designer polls it while its stats view is open.
 */
export function journeyStatsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const stepLog = new StepLog(ctx.db);
  route(app, journeyStats, async ({ params, query: { version }, reply }) => {
    const journey = await ctx.journeys.get(params.id);
    if (!journey) return reply.code(404).send({ error: 'not_found', message: `no journey with id "${params.id}"` });
    if (version !== undefined) {
      // Empty figures for a version that was never published would read as "nobody came".
      const published = (await ctx.journeys.versionHistory(journey.id)).map((v) => v.version).sort((a, b) => a - b);
      if (!published.includes(version)) {
        const has = published.length === 0 ? 'it is not published yet' : `its published versions: ${published.join(', ')}`;
        return reply.code(404).send({ error: 'not_found', message: `version: journey "${journey.id}" has no published version ${version} (${has})` });
      }
    }
    return { ...(await stepLog.stats(journey.id, version)), asOf: new Date().toISOString() };
  });
}
