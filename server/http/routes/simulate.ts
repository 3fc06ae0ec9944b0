import type { FastifyInstance } from 'fastify';
import { simulate } from '../../../contract/index';
import { budgetMessage, simulateJourney, stampForPublish, validateJourney } from '../../../engine/index';
import { Campaigns } from '../../coupons/campaigns';
import type { AppContext } from '../context';
import { route } from '../endpoint';
import { requestLocale } from '../locale';

const DAY = 86_400_000;

/** Runs a journey for one customer on a virtual clock (engine/simulate): nothing is sent or stored. */
export function simulateRoutes(app: FastifyInstance, ctx: AppContext): void {
  const campaigns = new Campaigns(ctx.db);
  route(app, simulate, async ({ body, request, reply }) => {
    const document = typeof body.journey === 'string' ? await ctx.journeys.get(body.journey) : body.journey;
    if (!document) return reply.code(404).send({ error: 'not_found', message: `no journey with id "${String(body.journey)}"` });
    const checked = validateJourney(document, ctx.registry, requestLocale(request));
    if (!checked.ok || !checked.journey)
      return reply.code(400).send({ error: 'invalid_journey', message: 'the journey has problems; fix them to simulate it', problems: checked.problems });
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
    if (until <= from)
      return reply.code(400).send({
        error: 'invalid_simulation',
        message: 'until: must be after from',
        problems: [{ path: 'until', code: 'invalid', message: 'until: must be after from' }],
      });
    if (until - from > 400 * DAY)
      return reply.code(400).send({
        error: 'invalid_simulation',
        message: 'until: at most 400 days after from',
        problems: [{ path: 'until', code: 'invalid', message: 'until: at most 400 days after from' }],
      });

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
      optOutText: shop.sms.optOutText,
      campaign: async (id) => (await campaigns.get(id))?.campaign,
    });
    if (!result.budget) return result;
    // Out of budget: what it did so far, and which limit ran out.
    const message = budgetMessage(requestLocale(request), result.budget.limit, result.budget.max);
    return reply.code(422).send({ error: 'simulation_budget', limit: result.budget.limit, max: result.budget.max, message, ...result });
  });
}
