import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { plainMessages, renderTemplate, templateProblem, templateView, zodProblems, type CustomerEvent } from '../../../engine/index';
import { smsSegments, templateVariables } from '../../../engine/templates/inspect';
import type { AppContext } from '../context';
import { access } from '../route-access';

export const previewBodySchema = z
  .strictObject(
    {
      template: z.string({ error: 'is required' }).min(1, 'is empty').max(4000, 'must be at most 4000 characters'),
      channel: z.enum(['sms', 'email', 'task'], { error: 'must be sms, email or task' }).default('sms'),
      customerId: z.string().min(1, 'must not be empty').max(200).optional().meta({ description: "A stored customer: their profile and facts" }),
      customer: z.record(z.string(), z.unknown(), { error: 'must be an object' }).optional().meta({ description: 'Profile fields, over the stored ones' }),
      event: z
        .strictObject(
          {
            type: z.string().max(100).default('order.created'),
            occurredAt: z.string().max(40).optional(),
            data: z.record(z.string(), z.unknown(), { error: 'must be an object' }).default({}),
          },
          { error: 'must be an object' },
        )
        .optional()
        .meta({ description: 'The entry event, as { type, occurredAt, data }' }),
      coupon: z
        .strictObject({ code: z.string().max(100), expiresAt: z.string().max(40), amount: z.number().nullable(), campaignId: z.string().max(100) }, { error: 'must be an object' })
        .partial()
        .optional(),
    },
    { error: 'must be an object' },
  )
  .meta({ id: 'TemplatePreviewInput' });

export const previewResultSchema = z
  .object({
    text: z.string(),
    variables: z.array(z.string()),
    unknownVariables: z.array(z.string()),
    length: z.number(),
    smsSegments: z.number().nullable(),
    encoding: z.enum(['GSM-7', 'UCS-2']).nullable(),
  })
  .meta({ id: 'TemplatePreview' });

/** Renders a message template as a journey would send it, for the designer's preview. */
export function templateRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post('/api/templates/preview', access('analyst'), async (request, reply) => {
    const parsed = previewBodySchema.safeParse(request.body ?? {}, plainMessages);
    if (!parsed.success) {
      const problems = zodProblems(parsed.error, []);
      return reply.code(400).send({ error: 'invalid_preview', message: problems.map((p) => p.message).join('; '), problems });
    }
    const input = parsed.data;
    const problem = templateProblem(input.template);
    if (problem) {
      const message = `template: does not parse: ${problem}`;
      return reply.code(400).send({ error: 'invalid_preview', message, problems: [{ path: 'template', code: 'invalid', message }] });
    }
    let customer: Record<string, unknown> & { id: string } = { id: input.customerId ?? 'preview' };
    if (input.customerId) {
      const [profile, found] = await Promise.all([ctx.customers.profile(input.customerId), ctx.facts.forCustomer(input.customerId)]);
      // Rendered with the real profile; the app's masking hook (http/pii-masking.ts) masks the answer by role.
      customer = { ...profile, ...(found ? { facts: found.facts } : {}) };
    }
    customer = { ...customer, ...input.customer, id: customer.id };
    const event: CustomerEvent = {
      id: 'preview',
      customerId: customer.id,
      type: input.event?.type ?? 'order.created',
      occurredAt: input.event?.occurredAt ?? new Date().toISOString(),
      data: input.event?.data ?? {},
    };
    const view = templateView({ event, customer, coupon: input.coupon });
    const text = renderTemplate(input.template, view, { html: input.channel === 'email' });
    const sms = input.channel === 'sms' ? smsSegments(text) : undefined;
    return {
      text,
      ...templateVariables(input.template, view),
      length: [...text].length,
      smsSegments: sms?.segments ?? null,
      encoding: sms?.encoding ?? null,
    };
  });
}

