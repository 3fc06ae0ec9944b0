import { z } from 'zod';
import { tagRuleSchema } from '../engine/facts/tag-rules';
import { endpoint } from './endpoint';

/** An automatic tag rule (engine/facts/tag-rules.ts; docs/facts.md). */
export const tagRule = tagRuleSchema.meta({ id: 'TagRule' });

const ruleId = z.object({ id: z.string().min(1).max(64) });
const listed = z.object({ rule: tagRule, customers: z.number().int().meta({ description: 'Customers the rule tags now' }) });
const manualTag = z.object({ tag: z.string(), customers: z.number().int() });
const sampleCustomer = z.object({
  customerId: z.string(),
  name: z.string().nullable().meta({ description: 'Masked for roles that may not see contacts' }),
  value: z
    .string()
    .meta({ description: 'What made them match: a product id, a category, spend in yuan, an order count, discounted/counted orders, a segment or a stage' }),
});
const invalidRule = { 400: 'Bad fields of the rule, by name (error invalid_tag_rule), in the locale asked for' };
// Rules are marketing work: writing one needs the marketer role (docs/api.md says why).
const body = tagRule.meta({ description: 'The rule; `id` optional (assigned when absent)' });

export const listTagRules = endpoint({
  method: 'GET',
  path: '/api/tag-rules',
  access: 'analyst',
  summary: 'The tag rules, each with the customers it tags now, and the manual tags with their counts',
  response: z.object({ rules: z.array(listed), manualTags: z.array(manualTag) }),
});

export const createTagRule = endpoint({
  method: 'POST',
  path: '/api/tag-rules',
  access: 'marketer',
  summary: 'Adds a tag rule',
  description: 'Stored through the shop settings (validated as PUT /api/settings). The refresh applies it; the answer gives its id.',
  body,
  bodyCheckedBy: 'handler',
  status: 201,
  response: z.object({ rule: tagRule }),
  answers: { ...invalidRule, 409: 'Another rule has this id (error duplicate_id)' },
});

export const updateTagRule = endpoint({
  method: 'PUT',
  path: '/api/tag-rules/:id',
  access: 'marketer',
  summary: 'Replaces a tag rule',
  params: ruleId,
  body,
  bodyCheckedBy: 'handler',
  response: z.object({ rule: tagRule }),
  answers: { ...invalidRule, 404: 'No rule has this id' },
});

export const deleteTagRule = endpoint({
  method: 'DELETE',
  path: '/api/tag-rules/:id',
  access: 'marketer',
  summary: 'Deletes a tag rule',
  description: 'The tags it gave are withdrawn by the facts refresh the deletion starts on the worker.',
  params: ruleId,
  response: z.object({ deleted: z.string() }),
  answers: { 404: 'No rule has this id' },
});

export const previewTagRule = endpoint({
  method: 'POST',
  path: '/api/tag-rules/preview',
  access: 'analyst',
  summary: 'How many customers a rule would tag now, and up to 10 of them',
  description: 'Computed in SQL over the stored orders as of now; stage and RFM segment as the last facts refresh derived them. Nothing is stored.',
  body,
  bodyCheckedBy: 'handler',
  response: z.object({ customers: z.number().int(), sample: z.array(sampleCustomer) }),
  answers: invalidRule,
});

export const listProductCategories = endpoint({
  method: 'GET',
  path: '/api/products/categories',
  access: 'analyst',
  summary: 'The product categories with how many products each has',
  response: z.object({ categories: z.array(z.object({ category: z.string(), products: z.number().int() })) }),
});

export const listProducts = endpoint({
  method: 'GET',
  path: '/api/products',
  access: 'analyst',
  summary: 'Products for pickers: id, name and category, by id',
  query: z.object({
    search: z.string().trim().max(100).optional().meta({ description: 'Part of the id or the name' }),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  }),
  response: z.object({ products: z.array(z.object({ id: z.string(), name: z.string().nullable(), category: z.string().nullable() })) }),
});

export const tagRuleEndpoints = [listTagRules, createTagRule, updateTagRule, deleteTagRule, previewTagRule, listProductCategories, listProducts] as const;
