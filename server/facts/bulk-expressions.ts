import { sql, type RawBuilder } from 'kysely';
import { tierIds, type ShopSettings, type TagRule } from '../../engine/index';

/*
 * SQL expressions of the fact definitions in engine/facts, for the bulk refresh. Each mirrors one
 * engine function (named beside it); tests/facts check the two agree on fixtures. Values from
 * settings travel as parameters, never as SQL text.
 */

export const countedSql = sql.raw(`o.status in ('paid', 'shipped', 'delivered')`);

const tierArray = sql.raw(`array[${tierIds.map((t) => `'${t}'`).join(', ')}]`);

/** A tier id's rank (ordinary 0 … supreme 3); null for null. */
export const tierRank = (tier: RawBuilder<unknown>) => sql<number | null>`(array_position(${tierArray}, ${tier}) - 1)`;
export const tierOfRank = (rank: RawBuilder<unknown>) => sql<string>`(${tierArray})[${rank} + 1]`;

/** earnedTier: the highest tier whose rule the lifetime spend (in cents) or order count reaches. */
export function earnedTierRank(orderCount: RawBuilder<unknown>, totalCents: RawBuilder<unknown>, settings: ShopSettings) {
  const reached = settings.tiers.map((rule) => {
    const rank = tierIds.indexOf(rule.id);
    if (rule.minSpend === 0 && rule.minOrders === 0) return sql`${rank}::int`;
    // A whole number of cents reaches minSpend exactly when it reaches its ceiling in cents: a
    // bigint threshold, folded once, rather than a numeric comparison per customer.
    const bySpend = rule.minSpend > 0 ? sql`${totalCents} >= ceil(${rule.minSpend}::numeric * 100)::bigint` : sql`false`;
    const byOrders = rule.minOrders > 0 ? sql`${orderCount} >= ${rule.minOrders}::int` : sql`false`;
    return sql`case when ${bySpend} or ${byOrders} then ${rank}::int end`;
  });
  return sql<number>`greatest(0, ${sql.join(reached)})`;
}

/** The `price-sensitive` rules, each with its exact threshold (isDiscounted). */
export const priceRules = (settings: ShopSettings) =>
  settings.tagRules.flatMap((rule, index) => (rule.kind === 'price-sensitive' ? [{ index, rule, bp: Math.round(rule.minDiscountPct * 100) }] : []));

/** isDiscounted on the orders row `o`: discount ≥ bp/10000 of (amount + discount), exactly. */
export const discountedSql = (bp: number) => sql`(o.amount + o.discount > 0 and o.discount * 1000000 >= ${bp}::numeric * (o.amount + o.discount) * 100)`;

/** The `spend-in-window` and `orders-in-window` rules, each with the instant its window starts after (baseFacts' windows: 24-hour days before asOf). */
export const windowRules = (settings: ShopSettings, asOf: Date) =>
  settings.tagRules.flatMap((rule) =>
    rule.kind === 'spend-in-window' || rule.kind === 'orders-in-window' ? [{ rule, start: new Date(asOf.getTime() - rule.days * 86_400_000) }] : [],
  );

/** The rules that look at what was bought. */
export const boughtRules = (settings: ShopSettings) =>
  settings.tagRules.flatMap((rule, index) =>
    rule.kind === 'bought-product' || rule.kind === 'bought-category'
      ? [{ index, rule: rule as Extract<TagRule, { kind: 'bought-product' | 'bought-category' }> }]
      : [],
  );

/** Every month-day of some year, 02-29 included (366). */
const monthDays = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31].flatMap((days, m) =>
  Array.from({ length: days }, (_, d) => `${String(m + 1).padStart(2, '0')}-${String(d + 1).padStart(2, '0')}`),
);

/**
 * birthdayMonthDay as stored for the view: the birthday's MM-DD when it is a day of some year
 * (02-29 included), else null (13-01, 04-31). The column's check constraint (migration 0002) holds
 * every stored birthday to `[YYYY-]MM-DD`, so its last five characters are the month-day; looked up
 * in the 366 real ones (a hashed lookup, where checking month and day apart cost 0.45 s a million).
 */
export function birthdayMonthDaySql(birthday: RawBuilder<unknown>) {
  const md = sql`right(${birthday}, 5)`;
  return sql<string | null>`case when ${md} = any(${monthDays}::text[]) then ${md} end`;
}
