import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context';
import { access } from '../route-access';

type VersionParams = { Params: { id: string; version: string } };

/**
 * A journey's published versions: the list (newest first) and each frozen document, for the
 * designer's version history and its diff. Versions are immutable, so both answers never change
 * once given (the list only grows).
 */
export function journeyVersionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const notFound = (id: string) => ({ error: 'not_found', message: `no journey with id "${id}"` });

  app.get<{ Params: { id: string } }>('/api/journeys/:id/versions', access('analyst'), async (request, reply) => {
    const journey = await ctx.journeys.get(request.params.id);
    if (!journey) return reply.code(404).send(notFound(request.params.id));
    return { journeyId: journey.id, draft: { status: journey.status, version: journey.version, nodes: journey.nodes.length }, versions: await ctx.journeys.versionHistory(journey.id) };
  });

  app.get<VersionParams>('/api/journeys/:id/versions/:version', access('analyst'), async (request, reply) => {
    const { id, version: raw } = request.params;
    const version = Number(raw);
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(version) || version < 1) {
      return reply.code(400).send({ error: 'invalid_request', message: `version: must be a whole number of at least 1, not "${raw}"`, problems: [{ path: 'version', code: 'invalid', message: 'must be a whole number of at least 1' }] });
    }
    const found = await ctx.journeys.versionRow(id, version);
    if (found) return { version, publishedAt: found.publishedAt, journey: found.journey };
    const exists = await ctx.journeys.get(id);
    return reply.code(404).send(exists ? { error: 'not_found', message: `journey "${id}" has no version ${version}` } : notFound(id));
  });
}
