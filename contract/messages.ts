import { z } from 'zod';
import { messageReasonCodes } from '../engine/index';
import { endpoint } from './endpoint';

// The codes are the engine's (engine/guardrails/message-reason.ts says who sets which); the designer words each.
export { messageReasonCodes };

export const messageReasonSchema = z
  .object({
    code: z.enum(messageReasonCodes),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
  })
  .meta({
    id: 'MessageReason',
    description:
      'Why the message is held (status queued: quiet_hours, send_rate, arbitration, journey_paused, retry; params.until says until when), capped (frequency_cap: max, channel, within; gave_way: journeyId, priority), cancelled (journey_stopped; customer_exited, customer_converted: eventType) or skipped (quiet_hours: from, to; no_recipient). Null when nothing stood in its way.',
  });

/** One message of the outbox; recipients, subjects and texts masked for roles that may not see them. */
export const messageSchema = z
  .object({
    id: z.string(),
    channel: z.string(),
    recipient: z.string().nullable(),
    subject: z.string().nullable(),
    text: z.string(),
    status: z.string(),
    idempotencyKey: z.string(),
    journeyId: z.string(),
    journeyVersion: z.number(),
    nodeId: z.string(),
    customerId: z.string(),
    createdAt: z.string(),
    attempts: z.number().meta({ description: 'Delivery tries so far' }),
    sentAt: z.string().nullable(),
    provider: z.string().nullable().meta({ description: 'aliyun-sms, tencent-sms, sms-http, smtp or local-sink' }),
    lastError: z.string().nullable().meta({ description: 'The last delivery failure, addresses masked' }),
    providerCode: z
      .string()
      .nullable()
      .meta({ description: "The SMS provider's own answer code: OK / Ok, isv.BUSINESS_LIMIT_CONTROL, FailedOperation.PhoneNumberInBlacklist, …" }),
    providerMessage: z.string().nullable().meta({ description: "The SMS provider's own message with that code, numbers masked" }),
    smsTemplate: z
      .object({ code: z.string(), params: z.record(z.string(), z.string()) })
      .nullable()
      .meta({ description: 'A provider template SMS: the template code and the value of each variable' }),
    reason: messageReasonSchema.nullable(),
  })
  .meta({ id: 'Message' });

export const messageQuerySchema = z.object({
  customerId: z.string().min(1).optional(),
  journeyId: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const listMessages = endpoint({
  method: 'GET',
  path: '/api/messages',
  access: 'analyst',
  summary: 'The outbox, newest first',
  query: messageQuerySchema,
  invalid: 'invalid_query',
  response: z.object({ messages: z.array(messageSchema) }),
});

export const messageEndpoints = [listMessages] as const;
