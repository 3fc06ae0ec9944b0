import type { Selectable } from 'kysely';
import { nanoid } from 'nanoid';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import type { CampaignInput } from '../../contract/coupons';

type CampaignRow = Selectable<Database['coupon_campaigns']>;

export interface Campaign {
  id: string;
  name: string;
  kind: 'amount' | 'percent';
  value: number;
  minimumSpend: number;
  validDays: number | null;
  expiresAt: string | null;
  quantityCap: number | null;
  budgetCap: number | null;
  codeSource: 'pool' | 'generated';
  codePrefix: string;
  createdAt: string;
}

export interface CampaignStats {
  issued: number;
  redeemed: number;
  budgetUsed: number | null;
  budgetRemaining: number | null;
  poolAvailable: number | null;
  remaining: number | null;
}

export class DuplicateCampaignError extends Error {}

const cents = (v: string | number) => Math.round(Number(v) * 100);

/** Coupon campaigns as the API manages them: create, read with their figures, fill a pool. */
export class Campaigns {
  constructor(private readonly db: Db) {}

  async create(input: CampaignInput): Promise<Campaign> {
    const row = await this.db
      .insertInto('coupon_campaigns')
      .values({
        id: input.id ?? `cmp_${nanoid(10).replace(/[^A-Za-z0-9]/g, 'x')}`,
        name: input.name,
        kind: input.kind,
        value: input.value,
        minimum_spend: input.minimumSpend,
        valid_days: input.validDays ?? null,
        expires_at: input.expiresAt ?? null,
        quantity_cap: input.quantityCap ?? null,
        budget_cap: input.budgetCap ?? null,
        code_source: input.codeSource,
        code_prefix: input.codePrefix,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new DuplicateCampaignError(`a campaign with id "${input.id}" exists`);
    return toCampaign(row);
  }

  async list(): Promise<Campaign[]> {
    const rows = await this.db.selectFrom('coupon_campaigns').selectAll().orderBy('created_at', 'desc').orderBy('id').execute();
    return rows.map(toCampaign);
  }

  async get(id: string): Promise<{ campaign: Campaign; stats: CampaignStats } | undefined> {
    const row = await this.db.selectFrom('coupon_campaigns').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const counts = await this.db
      .selectFrom('coupon_codes')
      .select((eb) => [eb.fn.count<string>('issued_at').as('issued'), eb.fn.count<string>('redeemed_at').as('redeemed'), eb.fn.countAll<string>().as('codes')])
      .where('campaign_id', '=', id)
      .executeTakeFirstOrThrow();
    const issued = Number(counts.issued);
    const poolAvailable = row.code_source === 'pool' ? Number(counts.codes) - issued : null;
    const budgetUsed = row.kind === 'amount' ? (issued * cents(row.value)) / 100 : null;
    const budgetRemaining = row.budget_cap === null ? null : Math.max(0, cents(row.budget_cap) - issued * cents(row.value)) / 100;
    const limits = [
      row.quantity_cap === null ? undefined : Math.max(0, row.quantity_cap - issued),
      budgetRemaining === null ? undefined : Math.floor((budgetRemaining * 100) / cents(row.value)),
      poolAvailable ?? undefined,
    ].filter((n): n is number => n !== undefined);
    const ended = row.expires_at !== null && row.expires_at.getTime() <= Date.now();
    return {
      campaign: toCampaign(row),
      stats: {
        issued,
        redeemed: Number(counts.redeemed),
        budgetUsed,
        budgetRemaining,
        poolAvailable,
        remaining: ended ? 0 : limits.length > 0 ? Math.min(...limits) : null,
      },
    };
  }

  /**
   * Adds codes to a pool campaign's pool. Codes already known (in any campaign) or repeated in the
   * upload are not added and come back as duplicates.
   */
  async addPoolCodes(campaignId: string, codes: string[]): Promise<{ added: number; duplicates: string[] }> {
    const unique = [...new Set(codes)];
    const repeated = codes.length === unique.length ? [] : [...new Set(codes.filter((c, i) => codes.indexOf(c) !== i))];
    let added = 0;
    const known: string[] = [];
    for (let i = 0; i < unique.length; i += 1000) {
      const batch = unique.slice(i, i + 1000);
      const inserted = await this.db
        .insertInto('coupon_codes')
        .values(batch.map((code) => ({ code, campaign_id: campaignId })))
        .onConflict((oc) => oc.column('code').doNothing())
        .returning('code')
        .execute();
      added += inserted.length;
      const got = new Set(inserted.map((r) => r.code));
      known.push(...batch.filter((c) => !got.has(c)));
    }
    return { added, duplicates: [...new Set([...repeated, ...known])] };
  }
}

function toCampaign(r: CampaignRow): Campaign {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as Campaign['kind'],
    value: Number(r.value),
    minimumSpend: Number(r.minimum_spend),
    validDays: r.valid_days,
    expiresAt: r.expires_at?.toISOString() ?? null,
    quantityCap: r.quantity_cap,
    budgetCap: r.budget_cap === null ? null : Number(r.budget_cap),
    codeSource: r.code_source as Campaign['codeSource'],
    codePrefix: r.code_prefix,
    createdAt: r.created_at.toISOString(),
  };
}
