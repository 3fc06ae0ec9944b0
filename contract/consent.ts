import { z } from 'zod';
import { consentChannels, subscriptionStates, subscriptionVias } from '../engine/consent/subscriptions';
import { endpoint } from './endpoint';

/** A customer's consent on one channel: no change yet is `subscribed` with `at` and `via` null. */
export const subscriptionSchema = z
  .object({
    state: z.enum(subscriptionStates),
    at: z.string().nullable().meta({ description: 'When it last changed (ISO); null: never changed' }),
    via: z.enum(subscriptionVias).nullable().meta({ description: 'How it last changed: reply, one-click, link, import or api; null: never changed' }),
  })
  .meta({ id: 'Subscription' });

export const subscriptionsSchema = z.object({ sms: subscriptionSchema, email: subscriptionSchema }).meta({ id: 'Subscriptions' });

const receivedAt = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 instant, e.g. 2026-11-11T20:00:00+08:00' });

export const smsInboundBodySchema = z.strictObject(
  {
    phone: z.string({ error: 'is required' }).trim().min(5, 'must be a phone number').max(32, 'must be a phone number'),
    text: z.string({ error: 'is required' }).max(1000, 'must be at most 1000 characters'),
    receivedAt: receivedAt.optional().meta({ description: 'When the carrier received the reply; default now' }),
  },
  { error: 'must be an object' },
);

export const postSmsInbound = endpoint({
  method: 'POST',
  path: '/api/channels/sms/inbound',
  access: 'marketer',
  summary: 'An SMS reply (上行短信): 退订 / T / TD / R unsubscribes the phone from marketing SMS, 订阅 resubscribes',
  description:
    'Stores the reply (sms_inbound) and applies it to every customer with that phone number. Unsubscribe: the whole reply is T, TD, R, 退 or 退订 (spaces and punctuation around it ignored, Latin case ignored), or it contains 退订 or 取消订阅. Resubscribe: the whole reply is 订阅, 恢复, 恢复订阅, 重新订阅 or 开通. Anything else is stored and changes nothing (docs/channels.md, "Consent and 退订").',
  body: smsInboundBodySchema,
  invalid: 'invalid_inbound',
  response: z.object({
    id: z.string().meta({ description: 'The stored reply' }),
    action: z.enum(['unsubscribe', 'resubscribe', 'none']),
    customers: z.number().int().meta({ description: 'Customers with that phone number' }),
    changed: z.number().int().meta({ description: 'Of them, those whose SMS state the reply changed' }),
  }),
});

const tokenParams = z.object({ token: z.string().min(10).max(400) });
const htmlPage = z.string().meta({ description: 'An HTML page in zh-CN or en (Accept-Language)' });

export const unsubscribePage = endpoint({
  method: 'GET',
  path: '/api/unsubscribe/:token',
  access: 'public',
  summary: 'The page of an email’s unsubscribe link: confirms before unsubscribing',
  description:
    'The token is signed by the server (HMAC-SHA256) and names the customer and channel; the page asks to confirm (a form that POSTs back). Nothing changes on GET: mail scanners follow links.',
  params: tokenParams,
  responseMediaType: 'text/html',
  response: htmlPage,
  answers: { 400: { description: 'A token that is not ours or was altered (an HTML page)', schema: htmlPage } },
});

export const unsubscribeNow = endpoint({
  method: 'POST',
  path: '/api/unsubscribe/:token',
  access: 'public',
  summary: 'Unsubscribes at once: RFC 8058 one-click (body List-Unsubscribe=One-Click) or the page’s confirm button',
  params: tokenParams,
  body: z.string().meta({ description: 'application/x-www-form-urlencoded: List-Unsubscribe=One-Click (a mail client), or confirm=1 (the page)' }),
  bodyCheckedBy: 'handler',
  bodyMediaTypes: ['application/x-www-form-urlencoded'],
  bodyLimit: 4096,
  responseMediaType: 'text/html',
  response: htmlPage,
  answers: { 400: { description: 'A token that is not ours or was altered (an HTML page)', schema: htmlPage } },
});

export const setSubscription = endpoint({
  method: 'PUT',
  path: '/api/customers/:id/subscriptions/:channel',
  access: 'marketer',
  summary: 'Sets a customer’s marketing consent on a channel (via api)',
  description:
    'For a shop system that records consent itself (a preference centre, a call to customer service). Resubscribing someone who unsubscribed is the shop’s responsibility: do it only when the customer asked.',
  params: z.object({ id: z.string(), channel: z.enum(consentChannels, 'must be sms or email') }),
  body: z.strictObject({ state: z.enum(subscriptionStates, 'must be subscribed or unsubscribed') }, { error: 'must be an object' }),
  invalid: 'invalid_subscription',
  response: z.object({ changed: z.boolean(), subscriptions: subscriptionsSchema }),
  answers: { 404: 'No profile and no orders' },
});

export const consentEndpoints = [postSmsInbound, unsubscribePage, unsubscribeNow, setSubscription] as const;
