import { z } from 'zod';
import { defineNode } from '../define';
import { field } from '../field';
import { tagListSchema } from './tag-add';

/** Removes manual tags; a tag a tag rule gives stays while the rule holds. */
export const tagRemove = defineNode({
  type: 'tag.remove',
  version: 1,
  category: 'action',
  labels: {
    'zh-CN': { title: '去标签', description: '去掉客户的手动标签（规则标签在规则成立时保留）。', ports: { next: '之后' } },
    en: { title: 'Remove tags', description: "Removes the customer's manual tags (a rule's tag stays while its rule holds).", ports: { next: 'then' } },
  },
  config: z.object({ tags: tagListSchema.default(['高意向']).meta(field({ en: { title: 'Tags' }, 'zh-CN': { title: '标签' } })) }),
  ports: () => ['next'],
  // Changes the customer record; nothing reaches the customer.
  sends: () => undefined,
  run: async (c, ctx) => {
    await ctx.services.customers.removeTags(ctx.customer.id, c.tags, ctx.idempotencyKey);
    return { summary: `untagged ${c.tags.join(', ')}` };
  },
});
