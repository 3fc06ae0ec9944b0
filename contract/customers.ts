import { z } from 'zod';
import type { CustomerFacts } from '../engine/facts/customer-facts';
import type { FactsExplanation } from '../engine/facts/explain';
import { idParams } from './common';
import { subscriptionsSchema } from './consent';
import { countCustomersEndpoint, getCustomerActivity } from './customer-activity';
import { customerFilterShape, withRangeChecks } from './customer-filters';
import { endpoint } from './endpoint';
import { asOfSchema } from './kpis';

export const customerListQuerySchema = withRangeChecks(
  z.object({
    ...customerFilterShape,
    limit: z.coerce.number().int().min(1).max(500).default(50),
    /** The last id of the previous page. */
    cursor: z.string().min(1).max(200).optional().meta({ description: 'The last id of the previous page' }),
  }),
);

/** The facts of one customer (engine/facts/customer-facts.ts computes them). */
const customerFacts = z.custom<CustomerFacts>().meta({
  id: 'CustomerFacts',
  description: 'orderCount, totalSpend, frequency, monetary, recencyDays, firstOrderAt, lastOrderAt, aov, rfm, lifecycleStage, tier, tags, daysToBirthday',
});
const contact = { id: z.string(), name: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable(), region: z.string().nullable() };

export const customerRowSchema = z.object({
  ...contact,
  stage: z.string(),
  tier: z.string(),
  rfmSegment: z.string().nullable(),
  tags: z.array(z.string()),
  facts: customerFacts,
});
/** Why the RFM scores, stage and tier are what they are (engine/facts/explain.ts): numbers and the rule, worded by the designer. */
const factsExplanation = z.custom<FactsExplanation>().meta({
  id: 'FactsExplanation',
  description:
    'rfm (mode quintiles|ranges, category, windowDays, r/f/m each with score, value and the four thresholds), stage (stage, recencyDays, mode windows|ratio, bounds in days), tier (tier, earned, totalSpend, orderCount, rule, next)',
});
export const customerDetailSchema = z.object({
  customer: z.object({ ...contact, birthday: z.string().nullable(), timezone: z.string().nullable(), attributes: z.record(z.string(), z.unknown()) }),
  facts: customerFacts,
  /** The tags a marketer set by hand (removable); the others in facts.tags come from rules. */
  manualTags: z.array(z.string()),
  explanation: factsExplanation,
  /** Consent per marketing channel (docs/channels.md, "Consent and 退订"). */
  subscriptions: subscriptionsSchema,
});

export const listCustomersEndpoint = endpoint({
  method: 'GET',
  path: '/api/customers',
  access: 'analyst',
  summary: 'A page of customers',
  description:
    'Customers from the facts snapshot of the last refresh matching every filter given, in id order (keyset pages: pass the last id as cursor). Names, phones and emails masked unless the role is admin.',
  query: customerListQuerySchema,
  invalid: 'invalid_query',
  response: z.object({ customers: z.array(customerRowSchema), nextCursor: z.string().nullable() }),
});

export const getCustomer = endpoint({
  method: 'GET',
  path: '/api/customers/:id',
  access: 'analyst',
  summary: 'The customer and their facts',
  description:
    'One customer with facts computed fresh as of asOf (a date: the end of that day in the shop time zone; or an instant; default now), their manual tags, and the explanation of their RFM scores, stage and tier.',
  params: idParams,
  query: z.object({ asOf: asOfSchema }),
  invalid: 'invalid_query',
  response: customerDetailSchema,
  answers: { 404: 'No profile and no orders' },
});

const tagParams = z.object({ id: z.string(), tag: z.string().trim().min(1, 'give a tag').max(100, 'at most 100 characters') });
const tagChange = (method: 'PUT' | 'DELETE', summary: string) =>
  endpoint({
    method,
    path: '/api/customers/:id/tags/:tag',
    access: 'marketer',
    summary,
    description: `${summary}, and refreshes the customer's facts.`,
    params: tagParams,
    invalid: 'invalid_query',
    response: z.object({ changed: z.boolean(), tags: z.array(z.string()) }),
    answers: { 404: 'Unknown customer' },
  } as const);

export const addCustomerTag = tagChange('PUT', 'Adds a manual tag');
export const removeCustomerTag = tagChange('DELETE', 'Removes a manual tag');

export const refreshFacts = endpoint({
  method: 'POST',
  path: '/api/facts/refresh',
  access: 'admin',
  summary: 'Refreshed',
  description:
    "Brings the facts snapshot to asOf and stores the changes as events in the same transaction: only the customers whose stored values may have moved since the last refresh (mode changed), or every customer (mode full: the first time, after settings or product changes, for an earlier asOf, or with full=true). The first refresh sets every customer's starting point: no change is announced for customers it had no row of.",
  query: z.object({ asOf: asOfSchema, full: z.enum(['true', 'false']).optional() }),
  invalid: 'invalid_query',
  response: z.object({
    asOf: z.string(),
    mode: z.enum(['full', 'changed']),
    reason: z.string().optional(),
    recomputed: z.number().int().optional(),
    customers: z.number(),
    changes: z.object({ stage_changed: z.number(), tier_changed: z.number(), tagged: z.number() }),
    eventsStored: z.number().int(),
    ms: z.number(),
    steps: z.record(z.string(), z.number()),
  }),
});

export const customerEndpoints = [
  listCustomersEndpoint,
  countCustomersEndpoint,
  getCustomer,
  getCustomerActivity,
  addCustomerTag,
  removeCustomerTag,
  refreshFacts,
] as const;
