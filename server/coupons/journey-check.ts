import type { Journey, Locale } from '../../engine/index';
import type { Db } from '../db/database';

export interface CampaignProblem {
  path: string;
  code: 'unknown_campaign';
  message: string;
  nodeId: string;
}

/**
 * The coupon steps of a journey that name a campaign the shop does not have. The engine cannot
 * know the campaigns (it does no I/O), so publishing checks them here: a customer must not reach
 * a step that can only fail.
 */
export async function campaignProblems(db: Db, journey: Journey, locale: Locale): Promise<CampaignProblem[]> {
  const steps = journey.nodes.map((node, index) => ({ node, index })).filter(({ node }) => node.type === 'coupon.issue');
  const ids = [...new Set(steps.map(({ node }) => String((node.config as { campaignId?: unknown }).campaignId ?? '')))];
  if (ids.length === 0) return [];
  const known = new Set((await db.selectFrom('coupon_campaigns').select('id').where('id', 'in', ids).execute()).map((r) => r.id));
  return steps
    .filter(({ node }) => !known.has(String((node.config as { campaignId?: unknown }).campaignId ?? '')))
    .map(({ node, index }) => {
      const id = String((node.config as { campaignId?: unknown }).campaignId ?? '');
      const message = locale === 'zh-CN' ? `campaignId：没有 id 为“${id}”的券活动` : `campaignId: no coupon campaign "${id}"; make it under Coupons first`;
      return { path: `nodes[${index}].config.campaignId`, code: 'unknown_campaign' as const, message, nodeId: node.id };
    });
}
