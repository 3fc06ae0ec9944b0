import { z } from 'zod';
import { tierIds } from '../../facts/settings';
import { defineNode } from '../define';
import { field } from '../field';

/** Raises the customer's member tier to at least the given one; a higher tier is kept. */
export const tierRaise = defineNode({
  type: 'tier.raise',
  version: 1,
  category: 'action',
  labels: {
    'zh-CN': { title: '升级会员', description: '把客户的会员等级升到至少所选等级，从不降级。', ports: { next: '之后' } },
    en: { title: 'Raise tier', description: "Raises the customer's tier to at least the one chosen; never lowers it.", ports: { next: 'then' } },
  },
  config: z.object({
    tier: z
      .enum(tierIds, { error: `must be one of ${tierIds.join(', ')}` })
      .default('vip')
      .meta(field({ en: { title: 'Tier' }, 'zh-CN': { title: '会员等级' } })),
  }),
  ports: () => ['next'],
  // Changes the customer record; nothing reaches the customer.
  sends: () => undefined,
  run: async (c, ctx) => {
    const result = await ctx.services.customers.raiseTier(ctx.customer.id, c.tier, ctx.idempotencyKey);
    return { summary: result.changed ? `tier raised to ${result.tier}` : `tier stays ${result.tier}` };
  },
});
