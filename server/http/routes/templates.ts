import type { FastifyInstance } from 'fastify';
import { previewTemplate } from '../../../contract/index';
import { renderTemplate, templateProblem, templateView, withOptOut, type CustomerEvent } from '../../../engine/index';
import { smsSegments, templateVariables } from '../../../engine/templates/inspect';
import type { AppContext } from '../context';
import { route } from '../endpoint';

/** Renders a message template as a journey would send it, for the designer's preview. */
export function templateRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, previewTemplate, async ({ body: input, reply }) => {
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
    const rendered = renderTemplate(input.template, view, { html: input.channel === 'email' });
    // A marketing SMS goes out with the shop's opt-out text (messaging/outbox-row.ts): counted with it.
    const text = input.channel === 'sms' && input.optOut ? withOptOut(rendered, (await ctx.settings.shop()).sms.optOutText) : rendered;
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
