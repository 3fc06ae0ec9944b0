import type { z } from 'zod';
import {
  createTagRule,
  deleteTagRule,
  listProductCategories,
  listProducts,
  listTagRules,
  previewTagRule,
  updateTagRule,
  type tagRule,
} from '../../../contract/tag-rules';
import type { ResponseOf } from '../../../contract/endpoint';
import { call } from './call';

export type TagRule = z.infer<typeof tagRule>;
/** A rule as the form edits it: the API assigns the id of a new one. */
export type TagRuleDraft = z.input<typeof tagRule>;
export type TagRuleList = ResponseOf<typeof listTagRules>;
export type RulePreview = ResponseOf<typeof previewTagRule>;

export const fetchTagRules = () => call(listTagRules);
export const previewRule = (rule: TagRuleDraft) => call(previewTagRule, { body: rule });
export const createRule = (rule: TagRuleDraft) => call(createTagRule, { body: rule });
export const updateRule = (id: string, rule: TagRuleDraft) => call(updateTagRule, { params: { id }, body: rule });
export const deleteRule = (id: string) => call(deleteTagRule, { params: { id } });
export const fetchCategories = () => call(listProductCategories);
export const fetchProducts = (search?: string) => call(listProducts, { query: { ...(search ? { search } : {}), limit: 200 } });
