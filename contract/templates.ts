import { z } from 'zod';
import { messageSendChannels } from '../engine/index';
import { journeyDocument } from './common';
import { endpoint } from './endpoint';
import { problemSchema } from './errors';

const localeQuery = z.object({ locale: z.string().optional().meta({ description: 'zh-CN or en: language of names and texts; else Accept-Language' }) });

/** A shipped journey template as the gallery lists it, in the asked language. */
export const templateSummarySchema = z
  .object({
    id: z.string(),
    category: z.string(),
    name: z.string(),
    description: z.string(),
    channels: z.array(z.string()),
    eventDate: z.string().nullable().meta({ description: 'A template built around one day (Double 11): the day used by default, YYYY-MM-DD; else null' }),
    preview: z.object({
      nodes: z.array(z.object({ id: z.string(), type: z.string() })),
      edges: z.array(z.object({ from: z.string(), port: z.string(), to: z.string() })),
      positions: z.record(z.string(), z.object({ x: z.number(), y: z.number() })),
    }),
  })
  .meta({ id: 'TemplateSummary' });

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
      locale: z
        .enum(['zh-CN', 'en'], { error: 'must be zh-CN or en' })
        .optional()
        .meta({ description: 'Language of names and message texts; else Accept-Language' }),
      eventDate: z.iso.date({ message: 'must be a date as YYYY-MM-DD, e.g. 2026-11-11' }).optional().meta({
        description:
          'For a template built around one day (Double 11): that day; its steps are dated from it. Default: the next one whose steps are all ahead in the shop’s time zone',
      }),
    },
    { error: 'must be an object' },
  )
  .meta({ id: 'FromTemplateInput' });

export const listTemplates = endpoint({
  method: 'GET',
  path: '/api/templates',
  access: 'analyst',
  summary: 'The journey templates Huitou ships, in the caller’s language',
  query: localeQuery,
  response: z.object({ templates: z.array(templateSummarySchema) }),
});

export const getTemplate = endpoint({
  method: 'GET',
  path: '/api/templates/:id',
  access: 'analyst',
  summary: 'One template and the journey it makes',
  params: z.object({ id: z.string() }),
  query: localeQuery,
  response: z.object({ template: templateSummarySchema, journey: journeyDocument }),
  answers: { 404: 'Unknown template' },
});

export const createFromTemplate = endpoint({
  method: 'POST',
  path: '/api/journeys/from-template',
  access: 'marketer',
  summary: 'A new draft from a template',
  description: 'A new draft, and the coupon campaigns its coupon steps need, made unless they exist.',
  body: fromTemplateBodySchema,
  invalid: 'invalid_request',
  status: 201,
  response: z.object({ journey: journeyDocument, problems: z.array(problemSchema), campaignsCreated: z.array(z.string()) }),
  answers: { 404: 'Unknown template', 409: 'The id exists' },
});

export const previewBodySchema = z
  .strictObject(
    {
      template: z.string({ error: 'is required' }).min(1, 'is empty').max(4000, 'must be at most 4000 characters'),
      channel: z.enum(messageSendChannels, { error: `must be ${messageSendChannels.slice(0, -1).join(', ')} or ${messageSendChannels.at(-1)}` }).default('sms'),
      customerId: z.string().min(1, 'must not be empty').max(200).optional().meta({ description: 'A stored customer: their profile and facts' }),
      optOut: z
        .boolean({ error: 'must be true or false' })
        .optional()
        .meta({ description: "SMS: end the text with the shop's opt-out text (sms.optOutText), as a marketing SMS goes out; its parts counted with it" }),
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
        .strictObject(
          { code: z.string().max(100), expiresAt: z.string().max(40), amount: z.number().nullable(), campaignId: z.string().max(100) },
          { error: 'must be an object' },
        )
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

export const previewTemplate = endpoint({
  method: 'POST',
  path: '/api/templates/preview',
  access: 'analyst',
  summary: 'The text and what it used',
  description:
    'Renders a template as a journey would (HTML escaped for email) with a stored customer (customerId) and/or given customer, event and coupon; SMS segments counted GSM-7 160/153 or UCS-2 70/67.',
  body: previewBodySchema,
  invalid: 'invalid_preview',
  response: previewResultSchema,
  answers: { 400: 'A bad field, or a template that does not parse' },
});

export const templateEndpoints = [listTemplates, getTemplate, createFromTemplate, previewTemplate] as const;
