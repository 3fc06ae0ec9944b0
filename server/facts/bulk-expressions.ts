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
    const bySpend = rule.minSpend > 0 ? sql`${totalCents} >= ${rule.minSpend}::numeric * 100` : sql`false`;
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

/** The rules that look at what was bought. */
export const boughtRules = (settings: ShopSettings) =>
  settings.tagRules.flatMap((rule, index) =>
    rule.kind === 'bought-product' || rule.kind === 'bought-category' ? [{ index, rule: rule as Extract<TagRule, { kind: 'bought-product' | 'bought-category' }> }] : [],
  );

/** lifecycleStage with the boundaries already chosen (windows, or the population's ratio split). */
export const stageSql = (recency: RawBuilder<unknown>, [active, silent, sleeping]: readonly [number, number, number]) => sql<string>`case
  when ${recency} is null then 'none'
  when ${recency} <= ${active}::numeric then 'active'
  when ${recency} <= ${silent}::numeric then 'silent'
  when ${recency} <= ${sleeping}::numeric then 'sleeping'
  else 'lost' end`;

const leap = (y: RawBuilder<unknown>) => sql`(${y} % 4 = 0 and (${y} % 100 <> 0 or ${y} % 400 = 0))`;
const birthdayOn = (y: RawBuilder<unknown>, month: RawBuilder<unknown>, day: RawBuilder<unknown>) =>
  sql`make_date(${y}, ${month}, case when ${month} = 2 and ${day} = 29 and not ${leap(y)} then 28 else ${day} end)`;

/**
 * daysToBirthday (with birthdayMonthDay's validity check): days from `today` (a date) to the next
 * birthday; 29 February falls on 28 February in common years; null for no or an impossible birthday.
 */
export function daysToBirthdaySql(birthday: RawBuilder<unknown>, today: RawBuilder<unknown>) {
  const valid = sql`${birthday} ~ '^([0-9]{4}-)?[0-9]{2}-[0-9]{2}$'`;
  const month = sql`substr(right(${birthday}, 5), 1, 2)::int`;
  const day = sql`substr(right(${birthday}, 5), 4, 2)::int`;
  const y = sql`extract(year from ${today})::int`;
  const thisYear = sql`(${birthdayOn(y, month, day)} - ${today})`;
  const nextYear = sql`(${birthdayOn(sql`${y} + 1`, month, day)} - ${today})`;
  return sql<number | null>`case
    when ${birthday} is null or not ${valid} then null
    when ${month} not between 1 and 12 or ${day} < 1 or ${day} > (array[31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])[${month}] then null
    when ${thisYear} >= 0 then ${thisYear}
    else ${nextYear} end`;
}

/** An instant as `Date.prototype.toISOString` writes it (milliseconds, UTC, `Z`). */
export const isoSql = (t: RawBuilder<unknown>) => sql<string | null>`to_char(${t} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
