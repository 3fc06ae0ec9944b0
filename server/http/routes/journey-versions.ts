import type { FastifyInstance } from 'fastify';
import { getVersion, listVersions } from '../../../contract/index';
import type { AppContext } from '../context';
import { route } from '../endpoint';

/**
 * A journey's published versions: the list (newest first) and each frozen document, for the
 * designer's version history and its diff. Versions are immutable, so both answers never change
 * once given (the list only grows).
 */
export function journeyVersionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const notFound = (id: string) => ({ error: 'not_found', message: `no journey with id "${id}"` });

  route(app, listVersions, async ({ params, reply }) => {
    const journey = await ctx.journeys.get(params.id);
    if (!journey) return reply.code(404).send(notFound(params.id));
    return {
      journeyId: journey.id,
      draft: { status: journey.status, version: journey.version, nodes: journey.nodes.length },
      versions: await ctx.journeys.versionHistory(journey.id),
    };
  });

  route(app, getVersion, async ({ params: { id, version }, reply }) => {
    const found = await ctx.journeys.versionRow(id, version);
    if (found) return { version, publishedAt: found.publishedAt, journey: found.journey };
    const exists = await ctx.journeys.get(id);
    return reply.code(404).send(exists ? { error: 'not_found', message: `journey "${id}" has no version ${version}` } : notFound(id));
  });
}
