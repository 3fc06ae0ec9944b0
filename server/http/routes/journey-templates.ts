import type { FastifyInstance } from 'fastify';
import { createFromTemplate, getTemplate, listTemplates } from '../../../contract/index';
import { validateJourney } from '../../../engine/index';
import { Campaigns, DuplicateCampaignError } from '../../coupons/campaigns';
import { JourneyExistsError } from '../../journeys/journey-store';
import type { AppContext } from '../context';
import { route } from '../endpoint';
import { requestLocale } from '../locale';

/** The journey templates Huitou ships, and "create journey from template". */
export function journeyTemplateRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, listTemplates, async ({ request }) => ({
    templates: ctx.templates.list(requestLocale(request), { timezone: (await ctx.settings.shop()).timezone }),
  }));

  route(app, getTemplate, async ({ params, request, reply }) => {
    const locale = requestLocale(request);
    const summary = ctx.templates.list(locale).find((t) => t.id === params.id);
    const journey = ctx.templates.instantiate(params.id, locale, { journeyId: params.id });
    if (!summary || !journey) return reply.code(404).send({ error: 'not_found', message: `no template with id "${params.id}"` });
    return { template: summary, journey };
  });

  route(app, createFromTemplate, async ({ body, request, reply }) => {
    const locale = body.locale ?? requestLocale(request);
    const { eventDate } = body;
    if (eventDate !== undefined && ctx.templates.get(body.template) && !ctx.templates.hasEventDate(body.template)) {
      const message = locale === 'zh-CN' ? 'eventDate：这个模板没有活动日期' : 'eventDate: this template is not built around an event day';
      return reply.code(400).send({ error: 'invalid_request', message, problems: [{ path: 'eventDate', code: 'invalid', message }] });
    }
    const { timezone } = await ctx.settings.shop();
    const journey = ctx.templates.instantiate(body.template, locale, { journeyId: body.id, name: body.name, eventDate, timezone });
    if (!journey) return reply.code(404).send({ error: 'not_found', message: `template: no template with id "${body.template}"` });
    // The coupon campaigns its coupon steps name, unless the shop has them already.
    const campaigns = new Campaigns(ctx.db);
    const campaignsCreated: string[] = [];
    for (const c of ctx.templates.get(body.template)!.campaigns) {
      try {
        await campaigns.create(c);
        campaignsCreated.push(c.id!);
      } catch (e) {
        if (!(e instanceof DuplicateCampaignError)) throw e;
      }
    }
    try {
      const created = await ctx.journeys.create(journey);
      const { problems } = validateJourney(created, ctx.registry, locale);
      return { journey: created, problems, campaignsCreated };
    } catch (e) {
      if (e instanceof JourneyExistsError) return reply.code(409).send({ error: 'exists', message: `id: a journey "${journey.id}" exists already` });
      throw e;
    }
  });
}
