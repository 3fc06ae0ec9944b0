import { birthdayCalendarOf } from '../time/lunar-birthday';
import { birthdayMonthDay, daysBetween, daysToBirthday, localDate, ownZoneOr } from './dates';
import { percentilesDisc, quintileBoundaries, rfmSegment, scoreHigherBetter, scoreLowerBetter, type FactPopulation, type RfmSegment } from './rfm';
import { minSpendCents } from './tag-rules';
import { countedStatuses, tierIds, type LifecycleStage, type OrderStatus, type RfmRanges, type ShopSettings, type TierId } from './settings';

export interface OrderRecord {
  id: string;
  status: OrderStatus;
  /** Amount paid, in yuan. */
  amount: number;
  discount: number;
  /** When the order was placed; the purchase date of every fact. */
  createdAt: string;
  productIds: string[];
}

export interface ProductRecord {
  id: string;
  category?: string | null | undefined;
  tags?: string[] | undefined;
}

export interface CustomerRecord {
  id: string;
  birthday?: string | null | undefined;
  /** `lunar` when the birthday is 农历 (the profile's attribute birthdayCalendar). */
  birthdayCalendar?: unknown;
  timezone?: string | null | undefined;
  manualTags?: string[] | undefined;
  /** The highest tier ever reached: tiers only go up. */
  tier?: TierId | null | undefined;
}

/** The facts of one customer as of a moment. Names are the fact catalog's. */
export interface CustomerFacts {
  orderCount: number;
  totalSpend: number;
  frequency: number;
  monetary: number;
  recencyDays: number | null;
  firstOrderAt: string | null;
  lastOrderAt: string | null;
  aov: number | null;
  rfm: { r: number; f: number; m: number; segment: RfmSegment } | null;
  lifecycleStage: LifecycleStage;
  tier: TierId;
  tags: string[];
  daysToBirthday: number | null;
}

export const isCounted = (o: Pick<OrderRecord, 'status'>) => (countedStatuses as readonly string[]).includes(o.status);
export const cents = (v: number) => Math.round(v * 100) / 100;
/** Whole cents of an amount in yuan. Sums and comparisons run on these integers so that they are exact, as in SQL's numeric. */
export const toCents = (v: number) => Math.round(v * 100);
/** `a / b` rounded half up, for non-negative integers, exactly (SQL: round(numeric, 0)). */
export function roundedQuotient(a: number, b: number): number {
  let q = Math.floor(a / b);
  // Float division may be one off for large values; settle on the exact integer.
  while (q * b > a) q -= 1;
  while ((q + 1) * b <= a) q += 1;
  return 2 * (a - q * b) >= b ? q + 1 : q;
}
/** Code point order, as SQL's `collate "C"` sorts UTF-8 text (JS's default sort uses UTF-16 units). */
export const byCodePoint = (a: string, b: string): number => {
  const x = Array.from(a, (c) => c.codePointAt(0)!);
  const y = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
};

/**
 * The order-derived basics, shared by the per-customer facts and the population statistics. One
 * pass over the orders, each date parsed once: a customer may have hundreds of orders, and every
 * lookup of their facts runs this.
 */
export function baseFacts(orders: OrderRecord[], settings: ShopSettings, asOf: Date | string) {
  const asOfMs = typeof asOf === 'string' ? Date.parse(asOf) : asOf.getTime();
  // The window is a span of 24-hour days before the moment asOf, not of calendar days.
  const windowStart = asOfMs - settings.rfm.windowDays * 86_400_000;
  const counted: OrderRecord[] = [];
  const inWindow: OrderRecord[] = [];
  let totalCents = 0;
  let monetaryCents = 0;
  let first = Infinity;
  let last = -Infinity;
  for (const o of orders) {
    if (!isCounted(o)) continue;
    const placed = Date.parse(o.createdAt);
    if (placed > asOfMs) continue;
    const amount = toCents(o.amount);
    counted.push(o);
    totalCents += amount;
    if (placed > windowStart) {
      inWindow.push(o);
      monetaryCents += amount;
    }
    if (placed < first) first = placed;
    if (placed > last) last = placed;
  }
  const lastOrder = counted.length > 0 ? new Date(last) : null;
  return {
    counted,
    inWindow,
    orderCount: counted.length,
    totalSpend: totalCents / 100,
    totalCents,
    frequency: inWindow.length,
    monetary: monetaryCents / 100,
    firstOrderAt: counted.length > 0 ? new Date(first).toISOString() : null,
    lastOrderAt: lastOrder ? lastOrder.toISOString() : null,
    recencyDays: lastOrder ? daysBetween(localDate(lastOrder, settings.timezone), localDate(new Date(asOfMs), settings.timezone)) : null,
  };
}

/**
 * The category with the most counted spend in the RFM window: each order's whole amount counts
 * towards every category among its products. Ties go to the first category in code point order.
 * (Whole amounts in cents keep the sums exact, so SQL and this function always pick the same one;
 * a locale-aware tie-break would differ between browsers, servers and the database.)
 */
export function mainCategory(inWindow: OrderRecord[], products: Map<string, ProductRecord>): string | null {
  const spend = new Map<string, number>();
  for (const o of inWindow) {
    const categories = new Set(o.productIds.map((p) => products.get(p)?.category).filter((c): c is string => !!c));
    for (const c of categories) spend.set(c, (spend.get(c) ?? 0) + toCents(o.amount));
  }
  let best: string | null = null;
  for (const c of [...spend.keys()].sort(byCodePoint)) if (best === null || spend.get(c)! > spend.get(best)!) best = c;
  return best;
}

/**
 * Whether an order carries a discount of at least `minPct` percent of its list price
 * (amount paid + discount). Compared on whole cents and hundredths of a percent, exactly: in
 * floating point 29 / 100 * 100 is 28.999…, which would miss a 29 % threshold.
 */
export function isDiscounted(order: Pick<OrderRecord, 'amount' | 'discount'>, minPct: number): boolean {
  const discount = toCents(order.discount);
  const list = toCents(order.amount) + discount;
  return list > 0 && discount * 10_000 >= Math.round(minPct * 100) * list;
}

/** The tier the counted orders earn now, before "never lowered" is applied. */
export function earnedTier(orderCount: number, totalSpend: number, settings: ShopSettings): TierId {
  let tier: TierId = 'ordinary';
  for (const rule of settings.tiers) {
    if (
      (totalSpend >= rule.minSpend && rule.minSpend > 0) ||
      (orderCount >= rule.minOrders && rule.minOrders > 0) ||
      (rule.minSpend === 0 && rule.minOrders === 0)
    ) {
      if (tierIds.indexOf(rule.id) > tierIds.indexOf(tier)) tier = rule.id;
    }
  }
  return tier;
}

export const higherTier = (a: TierId, b: TierId | null | undefined): TierId => (b && tierIds.indexOf(b) > tierIds.indexOf(a) ? b : a);

export function lifecycleStage(recencyDays: number | null, settings: ShopSettings, population: FactPopulation | null): LifecycleStage {
  if (recencyDays === null) return 'none';
  const [a, s, z] =
    settings.lifecycle.mode === 'ratio' && population?.lifecycleRatio
      ? population.lifecycleRatio
      : [settings.lifecycle.activeDays, settings.lifecycle.silentDays, settings.lifecycle.sleepingDays];
  if (recencyDays <= a) return 'active';
  if (recencyDays <= s) return 'silent';
  if (recencyDays <= z) return 'sleeping';
  return 'lost';
}

/** What a customer's rule tags are decided on besides their counted orders: the facts derived from them. */
export interface RuleTagInputs {
  /** The moment facts are computed as of, in ms (the windows end there). */
  asOfMs: number;
  stage: LifecycleStage;
  segment: RfmSegment | null;
}

/** The automatic tags the shop's rules give for these counted orders (placed up to asOf) and derived facts. */
export function ruleTags(counted: OrderRecord[], products: Map<string, ProductRecord>, settings: ShopSettings, derived: RuleTagInputs): string[] {
  const tags = new Set<string>();
  // What was bought is gathered only when a rule asks (a heavy buyer has hundreds of orders).
  let bought: Set<string> | undefined;
  let categories: Set<string> | undefined;
  const boughtProducts = () => (bought ??= new Set(counted.flatMap((o) => o.productIds)));
  const boughtCategories = () => (categories ??= new Set([...boughtProducts()].map((p) => products.get(p)?.category).filter((c): c is string => !!c)));
  // Windows are spans of 24-hour days before asOf, as the RFM window is (baseFacts).
  const inLastDays = (days: number) => counted.filter((o) => Date.parse(o.createdAt) > derived.asOfMs - days * 86_400_000);
  for (const rule of settings.tagRules) {
    if (rule.kind === 'bought-product' && rule.productIds.some((p) => boughtProducts().has(p))) tags.add(rule.tag);
    if (rule.kind === 'bought-category' && rule.categories.some((c) => boughtCategories().has(c))) tags.add(rule.tag);
    if (rule.kind === 'price-sensitive' && counted.length > 0) {
      const discounted = counted.filter((o) => isDiscounted(o, rule.minDiscountPct));
      // "Most orders": strictly more than half.
      if (discounted.length * 2 > counted.length) tags.add(rule.tag);
    }
    if (rule.kind === 'spend-in-window') {
      const spent = inLastDays(rule.days).reduce((sum, o) => sum + toCents(o.amount), 0);
      if (spent >= minSpendCents(rule.minSpend)) tags.add(rule.tag);
    }
    if (rule.kind === 'orders-in-window' && inLastDays(rule.days).length >= rule.minOrders) tags.add(rule.tag);
    if (rule.kind === 'rfm-segment' && derived.segment && rule.segments.includes(derived.segment)) tags.add(rule.tag);
    if (rule.kind === 'stage' && rule.stages.includes(derived.stage)) tags.add(rule.tag);
  }
  return [...tags];
}

/** Whether RFM scores use ranges per main category, so a customer's main category matters. */
export const scoresByCategory = (settings: ShopSettings) => settings.rfm.scoring === 'ranges' && Object.keys(settings.rfm.byCategory).length > 0;

function rangesFor(settings: ShopSettings, population: FactPopulation | null, category: string | null): RfmRanges | null {
  if (settings.rfm.scoring === 'quintiles') return population?.rfmQuintiles ?? null;
  return (category && settings.rfm.byCategory[category]) || settings.rfm.ranges;
}

export interface CustomerFactsInput {
  customer: CustomerRecord;
  orders: OrderRecord[];
  products: Map<string, ProductRecord>;
  settings: ShopSettings;
  population: FactPopulation | null;
  asOf: Date | string;
}

/**
 * One customer's facts as of `asOf`, from their orders and the shop's settings. The definition every
 * other computation (bulk SQL, KPIs) must agree with.
 */
export function computeCustomerFacts(input: CustomerFactsInput): CustomerFacts {
  return customerFactsDetail(input).facts;
}

/**
 * The facts with what they were made of that a stored snapshot keeps too: the rule tags apart
 * from the manual ones, and the main category (null unless RFM ranges go by category).
 */
export function customerFactsDetail(input: CustomerFactsInput): { facts: CustomerFacts; ruleTags: string[]; mainCategory: string | null } {
  const { customer, settings } = input;
  const base = baseFacts(input.orders, settings, input.asOf);
  const category = scoresByCategory(settings) ? mainCategory(base.inWindow, input.products) : null;
  const ranges = rangesFor(settings, input.population, category);
  const rfm =
    base.recencyDays === null || !ranges
      ? null
      : (() => {
          const r = scoreLowerBetter(base.recencyDays, ranges.recencyDays);
          const f = scoreHigherBetter(base.frequency, ranges.frequency);
          const m = scoreHigherBetter(base.monetary, ranges.monetary);
          return { r, f, m, segment: rfmSegment(r, f, m) };
        })();
  // The customer's own zone for their birthday; the shop's when they have none or an unknown one.
  const tz = ownZoneOr(customer.timezone, settings.timezone);
  const today = localDate(typeof input.asOf === 'string' ? new Date(input.asOf) : input.asOf, tz);
  const lifecycle = lifecycleStage(base.recencyDays, settings, input.population);
  const asOfMs = typeof input.asOf === 'string' ? Date.parse(input.asOf) : input.asOf.getTime();
  const automatic = ruleTags(base.counted, input.products, settings, { asOfMs, stage: lifecycle, segment: rfm?.segment ?? null });
  const tags = [...new Set([...(customer.manualTags ?? []), ...automatic])].sort(byCodePoint);
  const facts: CustomerFacts = {
    orderCount: base.orderCount,
    totalSpend: base.totalSpend,
    frequency: base.frequency,
    monetary: base.monetary,
    recencyDays: base.recencyDays,
    firstOrderAt: base.firstOrderAt,
    lastOrderAt: base.lastOrderAt,
    // Half a cent rounds up, exactly (in floating point 100.01 / 2 is 50.00499…).
    aov: base.orderCount > 0 ? roundedQuotient(base.totalCents, base.orderCount) / 100 : null,
    rfm,
    lifecycleStage: lifecycle,
    tier: higherTier(earnedTier(base.orderCount, base.totalSpend, settings), customer.tier),
    tags,
    // A 农历 birthday has no days-to-birthday fact yet (null here and in the SQL view alike, see
    // docs/facts.md); its date triggers and waits use its Gregorian day.
    daysToBirthday:
      customer.birthday && birthdayMonthDay(customer.birthday) && birthdayCalendarOf(customer.birthdayCalendar) !== 'lunar'
        ? daysToBirthday(customer.birthday, today)
        : null,
  };
  return { facts, ruleTags: automatic, mainCategory: category };
}

/** The population boundaries from every customer's basics (the reference for the bulk SQL). */
export function computePopulation(bases: { recencyDays: number | null; frequency: number; monetary: number }[]): FactPopulation {
  const buyers = bases.filter((b) => b.recencyDays !== null);
  const active = buyers.filter((b) => b.frequency > 0);
  const recency = quintileBoundaries(buyers.map((b) => b.recencyDays!));
  const frequency = quintileBoundaries(active.map((b) => b.frequency));
  const monetary = quintileBoundaries(active.map((b) => b.monetary));
  return {
    rfmQuintiles: recency && frequency && monetary ? { recencyDays: recency, frequency, monetary } : null,
    lifecycleRatio: percentilesDisc(
      buyers.map((b) => b.recencyDays!),
      [0.3, 0.6, 0.9],
    ) as [number, number, number] | null,
  };
}
