import { z } from 'zod';
import { defineNode } from '../define';
import { field } from '../field';

/** The tags a tag step adds or removes (shared by tag.add and tag.remove). */
export const tagListSchema = z
  .array(z.string().trim().min(1, 'give a tag').max(100, 'must be at most 100 characters'))
  .min(1, 'add at least one tag')
  .max(20, 'at most 20 tags');

/** Tags the customer (a manual tag); other journeys may start on the `customer.tagged` it causes. */
export const tagAdd = defineNode({
  type: 'tag.add',
  version: 1,
  category: 'action',
  labels: {
    'zh-CN': { title: '打标签', description: '给客户加标签；其他以“客户被打标签”开始的旅程会收到。', ports: { next: '之后' } },
    en: { title: 'Add tags', description: 'Tags the customer; journeys that start on "customer tagged" hear of it.', ports: { next: 'then' } },
  },
  config: z.object({ tags: tagListSchema.default(['高意向']).meta(field({ en: { title: 'Tags' }, 'zh-CN': { title: '标签' } })) }),
  ports: () => ['next'],
  // Changes the customer record; nothing reaches the customer.
  sends: () => undefined,
  run: async (c, ctx) => {
    await ctx.services.customers.addTags(ctx.customer.id, c.tags, ctx.idempotencyKey);
    return { summary: `tagged ${c.tags.join(', ')}` };
  },
});
