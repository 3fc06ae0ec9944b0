import { sql, type Selectable } from 'kysely';
import { customAlphabet } from 'nanoid';
import type { CouponService, IssuedCoupon } from '../../engine/index';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';

type CampaignRow = Selectable<Database['coupon_campaigns']>;
type CodeRow = Selectable<Database['coupon_codes']>;

/**
 * Generated codes: 12 characters from 31 that cannot be mistaken for one another when read out or
 * typed from an SMS (no 0/O, 1/I/L), from a cryptographic source: about 2^59 codes, unguessable.
 */
const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const generateCode = customAlphabet(alphabet, 12);

export class UnknownCampaignError extends Error {
  override name = 'UnknownCampaignError';
}

const cents = (value: string | number) => Math.round(Number(value) * 100);

/**
 * Issues coupons to customers for journeys. Each issue locks the campaign's row, so the caps are
 * exact and a pool code is handed out once however many workers issue at the same time (the same
 * on PostgreSQL and the embedded database). The idempotency key of the journey step makes a
 * retried activity get the coupon it got before.
 */
export class Coupons implements CouponService {
  constructor(private readonly db: Db) {}

  async issue(campaignId: string, customerId: string, idempotencyKey: string): Promise<IssuedCoupon | null> {
    const before = await this.byKey(this.db, idempotencyKey);
    if (before) return before;
    return this.db.transaction().execute(async (tx) => {
      const campaign = await tx.selectFrom('coupon_campaigns').selectAll().where('id', '=', campaignId).forUpdate().executeTakeFirst();
      if (!campaign) throw new UnknownCampaignError(`no coupon campaign "${campaignId}"`);
      // A concurrent attempt with the same key may have finished while this one waited for the lock.
      const raced = await this.byKey(tx, idempotencyKey);
      if (raced) return raced;
      const now = new Date();
      if (campaign.expires_at && campaign.expires_at.getTime() <= now.getTime()) return null;
      const { issued } = await tx
        .selectFrom('coupon_codes')
        .select((eb) => eb.fn.countAll<string>().as('issued'))
        .where('campaign_id', '=', campaignId)
        .where('issued_at', 'is not', null)
        .executeTakeFirstOrThrow();
      const count = Number(issued);
      if (campaign.quantity_cap !== null && count >= campaign.quantity_cap) return null;
      if (campaign.budget_cap !== null && (count + 1) * cents(campaign.value) > cents(campaign.budget_cap)) return null;
      const expiresAt = campaign.valid_days !== null ? new Date(now.getTime() + campaign.valid_days * 86_400_000) : campaign.expires_at!;
      const issue = { customer_id: customerId, issued_at: now, idempotency_key: idempotencyKey, expires_at: expiresAt };
      let row: CodeRow | undefined;
      if (campaign.code_source === 'pool') {
        // The campaign lock already serialises issuing; SKIP LOCKED keeps an upload's rows out of the way.
        row = await tx
          .updateTable('coupon_codes')
          .set(issue)
          .where('code', '=', (eb) =>
            eb
              .selectFrom('coupon_codes')
              .select('code')
              .where('campaign_id', '=', campaignId)
              .where('issued_at', 'is', null)
              .orderBy('code')
              .limit(1)
              .forUpdate()
              .skipLocked(),
          )
          .returningAll()
          .executeTakeFirst();
        if (!row) return null;
      } else {
        for (let attempt = 0; attempt < 5 && !row; attempt += 1) {
          row = await tx
            .insertInto('coupon_codes')
            .values({ code: `${campaign.code_prefix}${generateCode()}`, campaign_id: campaignId, ...issue })
            .onConflict((oc) => oc.doNothing())
            .returningAll()
            .executeTakeFirst();
        }
        if (!row) throw new Error(`could not generate a unique code for campaign "${campaignId}"`);
      }
      return toIssued(row, campaign);
    });
  }

  /**
   * The latest coupon issued to the customer by the steps of one enrolment: their idempotency keys
   * all start with the enrolment's `<workflowId>/<firstExecutionRunId>/`.
   */
  async latestInEnrolment(customerId: string, keyPrefix: string): Promise<IssuedCoupon | undefined> {
    const row = await issuedCodes(this.db)
      .where('coupon_codes.customer_id', '=', customerId)
      .where(sql<boolean>`starts_with(coupon_codes.idempotency_key, ${keyPrefix})`)
      .orderBy('coupon_codes.issued_at', 'desc')
      .orderBy('coupon_codes.code', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && toIssued(row, row);
  }

  /**
   * `latestInEnrolment` for many customers' enrolments in one statement (a cohort's chunk of
   * actions): the answers in the order asked, undefined where an enrolment issued none.
   */
  async latestInEnrolments(asked: readonly { customerId: string; keyPrefix: string }[]): Promise<(IssuedCoupon | undefined)[]> {
    if (asked.length === 0) return [];
    const { rows } = await sql<{ n: number; code: string; campaign_id: string; expires_at: Date | null; kind: string; value: string }>`
      select distinct on (a.n) a.n, c.code, c.campaign_id, c.expires_at, k.kind, k.value
      from unnest(${asked.map((a) => a.customerId)}::text[], ${asked.map((a) => a.keyPrefix)}::text[]) with ordinality as a(customer_id, key_prefix, n)
      join coupon_codes c on c.customer_id = a.customer_id and starts_with(c.idempotency_key, a.key_prefix)
      join coupon_campaigns k on k.id = c.campaign_id
      order by a.n, c.issued_at desc, c.code desc`.execute(this.db);
    const found = new Map(rows.map((r) => [Number(r.n), toIssued(r, r)]));
    return asked.map((_, i) => found.get(i + 1));
  }

  private async byKey(db: Db, idempotencyKey: string): Promise<IssuedCoupon | undefined> {
    const row = await issuedCodes(db).where('coupon_codes.idempotency_key', '=', idempotencyKey).executeTakeFirst();
    return row && toIssued(row, row);
  }
}

/** Issued codes with what an IssuedCoupon needs of their campaign. */
const issuedCodes = (db: Db) =>
  db
    .selectFrom('coupon_codes')
    .innerJoin('coupon_campaigns', 'coupon_campaigns.id', 'coupon_codes.campaign_id')
    .select(['coupon_codes.code', 'coupon_codes.campaign_id', 'coupon_codes.expires_at', 'coupon_campaigns.kind', 'coupon_campaigns.value']);

function toIssued(row: Pick<CodeRow, 'code' | 'campaign_id' | 'expires_at'>, campaign: Pick<CampaignRow, 'kind' | 'value'>): IssuedCoupon {
  return {
    code: row.code,
    campaignId: row.campaign_id,
    expiresAt: row.expires_at!.toISOString(),
    amount: campaign.kind === 'amount' ? Number(campaign.value) : null,
  };
}
