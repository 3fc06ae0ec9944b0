import { z } from 'zod';
import { idParams } from './common';
import { customerFilterShape, withRangeChecks } from './customer-filters';
import { endpoint } from './endpoint';
import { lifecycleStages } from '../engine/facts/settings';

export const countCustomersEndpoint = endpoint({
  method: 'GET',
  path: '/api/customers/count',
  access: 'analyst',
  summary: 'How many customers match',
  description:
    'The number of customers in the facts snapshot matching the filters of GET /api/customers, and how many of them are at each lifecycle stage when the stage filter is left out (for the filter bar).',
  query: withRangeChecks(z.object(customerFilterShape)),
  invalid: 'invalid_query',
  response: z.object({
    count: z.number().int(),
    byStage: z.record(z.enum(lifecycleStages), z.number().int()),
  }),
});

const order = z.object({
  id: z.string(),
  status: z.string(),
  amount: z.number(),
  discount: z.number(),
  productIds: z.array(z.string()),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
});
const journey = z.object({
  workflowId: z.string(),
  journeyId: z.string(),
  journeyName: z.string().nullable(),
  version: z.number().int(),
  status: z.string(),
  exitReason: z.string().nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  /** Where an active enrolment waits now (a wait step, a held message); null while it moves or after it ended. */
  step: z.object({ nodeId: z.string(), type: z.string().nullable() }).nullable(),
});
const message = z.object({
  id: z.string(),
  channel: z.string(),
  recipient: z.string().nullable(),
  subject: z.string().nullable(),
  text: z.string(),
  status: z.string(),
  journeyId: z.string(),
  journeyName: z.string().nullable(),
  nodeId: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
const coupon = z.object({
  code: z.string(),
  campaignId: z.string(),
  campaignName: z.string().nullable(),
  issuedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  redeemedAt: z.string().nullable(),
  redeemedOrderId: z.string().nullable(),
});

export const customerActivitySchema = z.object({
  orders: z.array(order),
  journeys: z.array(journey),
  messages: z.array(message),
  coupons: z.array(coupon),
});
export type CustomerActivity = z.infer<typeof customerActivitySchema>;

export const getCustomerActivity = endpoint({
  method: 'GET',
  path: '/api/customers/:id/activity',
  access: 'analyst',
  summary: "The customer's orders, journeys, messages and coupons",
  description:
    'Newest first, at most `limit` of each: orders, journey enrolments (with the journey name, version and the step an active one waits at), messages from the outbox and coupons issued to them. Names, phones and emails masked unless the role is admin, inside message texts and recipients too.',
  params: idParams,
  query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(20) }),
  invalid: 'invalid_query',
  response: customerActivitySchema,
  answers: { 404: 'Unknown customer' },
});
