import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { budgetMessage, plainMessages, simulateJourney, stampForPublish, validateJourney, zodProblems } from '../../../engine/index';
import { Campaigns } from '../../coupons/campaigns';
import type { AppContext } from '../context';
import { access } from '../route-access';
import { requestLocale } from '../locale';

const instant = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with offset, e.g. 2026-11-11T20:00:00+08:00' });
const DAY = 86_400_000;

export const simulateBodySchema = z
  .strictObject(
    {
      journey: z
        .union([z.string().min(1), z.record(z.string(), z.unknown())], { error: 'must be a journey id or a journey document' })
        .meta({ description: 'A stored journey (its current draft) by id, or a journey document' }),
      customer: z
        .union([z.string().min(1), z.looseObject({ id: z.string().min(1).max(200).default('simulated-customer'), facts: z.record(z.string(), z.unknown()).default({}) })], {
          error: 'must be a customer id or { id?, name?, phone?, timezone?, facts? }',
        })
        .meta({ description: 'A stored customer by id (profile and facts now), or a made-up one' }),
      events: z
        .array(z.strictObject({ at: instant, type: z.string().min(1, 'is required').max(100), data: z.record(z.string(), z.unknown()).default({}) }))
        .min(1, 'give at least the event that enrols the customer')
        .max(500, 'at most 500 events'),
      from: instant.optional(),
      until: instant.optional(),
    },
    { error: 'must be an object' },
  )
  .meta({ id: 'SimulationInput' });

/** Runs a journey for one customer on a virtual clock (engine/simulate): nothing is sent or stored. */
export function simulateRoutes(app: FastifyInstance, ctx: AppContext): void {
  const campaigns = new Campaigns(ctx.db);
  app.post('/api/simulate', access('analyst'), async (request, reply) => {
    const parsed = simulateBodySchema.safeParse(request.body ?? {}, plainMessages);
    if (!parsed.success) {
      const problems = zodProblems(parsed.error, []);
      return reply.code(400).send({ error: 'invalid_simulation', message: problems.map((p) => p.message).join('; '), problems });
    }
    const body = parsed.data;
    const document = typeof body.journey === 'string' ? await ctx.journeys.get(body.journey) : body.journey;
    if (!document) return reply.code(404).send({ error: 'not_found', message: `no journey with id "${String(body.journey)}"` });
    const checked = validateJourney(document, ctx.registry, requestLocale(request));
    if (!checked.ok || !checked.journey) return reply.code(400).send({ error: 'invalid_journey', message: 'the journey has problems; fix them to simulate it', problems: checked.problems });
    const journey = stampForPublish(checked.journey, ctx.registry);

    let customer: Record<string, unknown> & { id: string };
    if (typeof body.customer === 'string') {
      const [profile, found] = await Promise.all([ctx.customers.profile(body.customer), ctx.facts.forCustomer(body.customer)]);
      // The rendered texts carry the profile (and attributes copied from it): the app's masking
      // hook (http/pii-masking.ts) masks them in the answer for roles that may not see contacts.
      customer = { ...profile, facts: found?.facts ?? {} };
    } else {
      customer = body.customer as Record<string, unknown> & { id: string };
    }

    const times = body.events.map((e) => Date.parse(e.at));
    const from = body.from ? Date.parse(body.from) : Math.min(...times);
    const until = body.until ? Date.parse(body.until) : Math.max(from + 30 * DAY, ...times);
    if (until <= from) return reply.code(400).send({ error: 'invalid_simulation', message: 'until: must be after from', problems: [{ path: 'until', code: 'invalid', message: 'until: must be after from' }] });
    if (until - from > 400 * DAY) return reply.code(400).send({ error: 'invalid_simulation', message: 'until: at most 400 days after from', problems: [{ path: 'until', code: 'invalid', message: 'until: at most 400 days after from' }] });

    const shop = await ctx.settings.shop();
    const result = await simulateJourney({
      journey,
      registry: ctx.registry,
      customer,
      events: body.events,
      from: new Date(from).toISOString(),
      until: new Date(until).toISOString(),
      messaging: shop.messaging,
      shopTimezone: shop.timezone,
      campaign: async (id) => (await campaigns.get(id))?.campaign,
    });
    if (!result.budget) return result;
    // Out of budget: what it did so far, and which limit ran out.
    const message = budgetMessage(requestLocale(request), result.budget.limit, result.budget.max);
    return reply.code(422).send({ error: 'simulation_budget', limit: result.budget.limit, max: result.budget.max, message, ...result });
  });
}

