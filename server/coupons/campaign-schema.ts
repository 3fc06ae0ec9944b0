import type { z } from 'zod';
import type { campaignInputSchema } from '../../contract/coupons';

/** The campaign schemas are the wire contract's (contract/coupons.ts): the API takes and answers them. */
export { campaignInputSchema, campaignSchema, campaignStatsSchema, poolCodeSchema, poolCodesBodySchema } from '../../contract/coupons';

export type CampaignInput = z.infer<typeof campaignInputSchema>;
