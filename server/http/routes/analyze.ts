import type { FastifyInstance } from 'fastify';
import { analyzeJourney } from '../../../contract/index';
import { journeySummary, validateJourney } from '../../../engine/index';
import type { AppContext } from '../context';
import { route } from '../endpoint';
import { requestLocale } from '../locale';
import { publishWarnings } from '../publish-warnings';

/**
 * What a journey can do to one customer at worst (engine/analysis/summary.ts), for the designer
 * to show before publishing, with what publishing would warn about (server/http/publish-warnings.ts).
 * Waits until a fixed date are measured from the server's clock.
 */
export function analyzeRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, analyzeJourney, async ({ body, request, reply }) => {
    const locale = requestLocale(request);
    const checked = validateJourney(body ?? {}, ctx.registry, locale);
    if (!checked.ok || !checked.journey) {
      return reply.code(400).send({
        error: 'invalid_journey',
        message: `the journey has problems; fix them to analyse it: ${checked.problems.map((p) => p.message).join('; ')}`,
        problems: checked.problems,
      });
    }
    return { summary: journeySummary(checked.journey, ctx.registry, { now: Date.now() }), warnings: await publishWarnings(ctx, checked.journey, locale) };
  });
}
