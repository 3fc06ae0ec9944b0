import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { plainMessages, validateJourney, zodProblems } from '../../../engine/index';
import { Campaigns, DuplicateCampaignError } from '../../coupons/campaigns';
import { JourneyExistsError } from '../../store/journeys';
import type { AppContext } from '../context';
import { access } from '../route-access';
import { requestLocale } from '../locale';

export const fromTemplateBodySchema = z
  .strictObject(
    {
      template: z.string({ error: 'is required' }).min(1, 'is required'),
      id: z
        .string()
        .min(1)
        .max(100, 'must be at most 100 characters')
        .regex(/^[A-Za-z0-9_-]+$/, 'may use only letters, digits, "-" and "_"')
        .optional()
        .meta({ description: 'The new journey’s id; generated when absent' }),
      name: z.string().trim().min(1, 'must not be empty').max(200).optional(),
      locale: z.enum(['zh-CN', 'en'], { error: 'must be zh-CN or en' }).optional().meta({ description: 'Language of names and message texts; else Accept-Language' }),
      eventDate: z.iso
        .date({ message: 'must be a date as YYYY-MM-DD, e.g. 2026-11-11' })
        .optional()
        .meta({ description: 'For a template built around one day (Double 11): that day; its steps are dated from it. Default: the next one whose steps are all ahead in the shop’s time zone' }),
    },
    { error: 'must be an object' },
  )
  .meta({ id: 'FromTemplateInput' });

/** The journey templates Huitou ships, and "create journey from template". */
export function journeyTemplateRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/templates', access('analyst'), async (request) => ({ templates: ctx.templates.list(requestLocale(request), { timezone: (await ctx.settings.shop()).timezone }) }));

  app.get<{ Params: { id: string } }>('/api/templates/:id', access('analyst'), async (request, reply) => {
    const locale = requestLocale(request);
    const summary = ctx.templates.list(locale).find((t) => t.id === request.params.id);
    const journey = ctx.templates.instantiate(request.params.id, locale, { journeyId: request.params.id });
    if (!summary || !journey) return reply.code(404).send({ error: 'not_found', message: `no template with id "${request.params.id}"` });
    return { template: summary, journey };
  });

  app.post('/api/journeys/from-template', access('marketer'), async (request, reply) => {
    const parsed = fromTemplateBodySchema.safeParse(request.body ?? {}, plainMessages);
    if (!parsed.success) {
      const problems = zodProblems(parsed.error, [], requestLocale(request));
      return reply.code(400).send({ error: 'invalid_request', message: problems.map((p) => p.message).join('; '), problems });
    }
    const locale = parsed.data.locale ?? requestLocale(request);
    const { eventDate } = parsed.data;
    if (eventDate !== undefined && ctx.templates.get(parsed.data.template) && !ctx.templates.hasEventDate(parsed.data.template)) {
      const message = locale === 'zh-CN' ? 'eventDate：这个模板没有活动日期' : 'eventDate: this template is not built around an event day';
      return reply.code(400).send({ error: 'invalid_request', message, problems: [{ path: 'eventDate', code: 'invalid', message }] });
    }
    const { timezone } = await ctx.settings.shop();
    const journey = ctx.templates.instantiate(parsed.data.template, locale, { journeyId: parsed.data.id, name: parsed.data.name, eventDate, timezone });
    if (!journey) return reply.code(404).send({ error: 'not_found', message: `template: no template with id "${parsed.data.template}"` });
    // The coupon campaigns its coupon steps name, unless the shop has them already.
    const campaigns = new Campaigns(ctx.db);
    const campaignsCreated: string[] = [];
    for (const c of ctx.templates.get(parsed.data.template)!.campaigns) {
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
      return reply.code(201).send({ journey: created, problems, campaignsCreated });
    } catch (e) {
      if (e instanceof JourneyExistsError) return reply.code(409).send({ error: 'exists', message: `id: a journey "${journey.id}" exists already` });
      throw e;
    }
  });
}
