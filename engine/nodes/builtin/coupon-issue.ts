import { z } from 'zod';
import { defineNode } from '../define';
import { field } from '../field';

/**
 * Gives the customer a coupon from a campaign. Later message steps of the same enrolment show it
 * as {{coupon.code}}, {{coupon.expiresAt}}, {{coupon.amount}}. When the campaign's quantity or
 * budget is used up (or it has ended) the customer goes on by `exhausted`.
 */
export const couponIssue = defineNode({
  type: 'coupon.issue',
  version: 1,
  category: 'action',
  labels: {
    'zh-CN': {
      title: '发优惠券',
      description: '从券活动给客户发一张券；后续消息可用 {{coupon.code}}。券发完或预算用尽走“已发完”。',
      ports: { next: '已发券', exhausted: '已发完' },
    },
    en: {
      title: 'Issue coupon',
      description: 'Gives the customer a coupon from a campaign; later messages can show {{coupon.code}}. Goes on by "exhausted" when the cap is reached.',
      ports: { next: 'issued', exhausted: 'exhausted' },
    },
  },
  config: z.object({
    campaignId: z
      .string()
      .min(1, 'choose a coupon campaign')
      .max(100, 'must be at most 100 characters')
      .default('welcome')
      .meta(
        field({
          en: { title: 'Coupon campaign', description: 'The id of a campaign made under Coupons' },
          'zh-CN': { title: '券活动', description: '在“优惠券”中创建的券活动编号' },
        }),
      ),
  }),
  ports: () => ['next', 'exhausted'],
  // The code reaches the customer only through a later message, which counts itself.
  sends: () => undefined,
  // A campaign that does not exist will not appear by retrying: fail the step at once, visibly.
  activity: { retry: { nonRetryableErrorTypes: ['UnknownCampaignError'] } },
  run: async (c, ctx) => {
    const coupon = await ctx.services.coupons.issue(c.campaignId, ctx.customer.id, ctx.idempotencyKey);
    if (!coupon) return { port: 'exhausted', summary: `campaign ${c.campaignId} has no coupon left`, refused: 'coupon_exhausted' };
    return { summary: `coupon of campaign ${c.campaignId} issued` };
  },
});
