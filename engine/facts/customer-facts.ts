import { daysBetween, daysToBirthday, localDate } from './dates';
import { percentilesDisc, quintileBoundaries, rfmSegment, scoreHigherBetter, scoreLowerBetter, type FactPopulation, type RfmSegment } from './rfm';
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

/** The order-derived basics, shared by the per-customer facts and the population statistics. */
export function baseFacts(orders: OrderRecord[], settings: ShopSettings, asOf: Date | string) {
  const counted = orders.filter(isCounted).filter((o) => Date.parse(o.createdAt) <= Date.parse(String(asOf instanceof Date ? asOf.toISOString() : asOf)));
  const asOfMs = typeof asOf === 'string' ? Date.parse(asOf) : asOf.getTime();
  const windowStart = asOfMs - settings.rfm.windowDays * 86_400_000;
  const inWindow = counted.filter((o) => Date.parse(o.createdAt) > windowStart);
  const times = counted.map((o) => Date.parse(o.createdAt)).sort((a, b) => a - b);
  const totalSpend = cents(counted.reduce((s, o) => s + o.amount, 0));
  const last = times.length > 0 ? new Date(times[times.length - 1]!) : null;
  return {
    counted,
    inWindow,
    orderCount: counted.length,
    totalSpend,
    frequency: inWindow.length,
    monetary: cents(inWindow.reduce((s, o) => s + o.amount, 0)),
    firstOrderAt: times.length > 0 ? new Date(times[0]!).toISOString() : null,
    lastOrderAt: last ? last.toISOString() : null,
    recencyDays: last ? daysBetween(localDate(last, settings.timezone), localDate(new Date(asOfMs), settings.timezone)) : null,
  };
}

/** The category with the most counted spend in the RFM window (ties: alphabetical). */
export function mainCategory(inWindow: OrderRecord[], products: Map<string, ProductRecord>): string | null {
  const spend = new Map<string, number>();
  for (const o of inWindow) {
    const categories = [...new Set(o.productIds.map((p) => products.get(p)?.category).filter((c): c is string => !!c))];
    for (const c of categories) spend.set(c, (spend.get(c) ?? 0) + o.amount / categories.length);
  }
  let best: string | null = null;
  for (const [c, s] of [...spend.entries()].sort(([a], [b]) => a.localeCompare(b))) if (best === null || s > spend.get(best)!) best = c;
  return best;
}

/** The tier the counted orders earn now, before "never lowered" is applied. */
export function earnedTier(orderCount: number, totalSpend: number, settings: ShopSettings): TierId {
  let tier: TierId = 'ordinary';
  for (const rule of settings.tiers) {
    if ((totalSpend >= rule.minSpend && rule.minSpend > 0) || (orderCount >= rule.minOrders && rule.minOrders > 0) || (rule.minSpend === 0 && rule.minOrders === 0)) {
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

/** The automatic tags the shop's rules give for these counted orders. */
export function ruleTags(counted: OrderRecord[], products: Map<string, ProductRecord>, settings: ShopSettings): string[] {
  const tags = new Set<string>();
  const bought = new Set(counted.flatMap((o) => o.productIds));
  const categories = new Set([...bought].map((p) => products.get(p)?.category).filter((c): c is string => !!c));
  for (const rule of settings.tagRules) {
    if (rule.kind === 'bought-product' && rule.productIds.some((p) => bought.has(p))) tags.add(rule.tag);
    if (rule.kind === 'bought-category' && rule.categories.some((c) => categories.has(c))) tags.add(rule.tag);
    if (rule.kind === 'price-sensitive' && counted.length > 0) {
      const discounted = counted.filter((o) => o.amount + o.discount > 0 && (o.discount / (o.amount + o.discount)) * 100 >= rule.minDiscountPct);
      // "Most orders": strictly more than half.
      if (discounted.length * 2 > counted.length) tags.add(rule.tag);
    }
  }
  return [...tags];
}

function rangesFor(settings: ShopSettings, population: FactPopulation | null, category: string | null): RfmRanges | null {
  if (settings.rfm.scoring === 'quintiles') return population?.rfmQuintiles ?? null;
  return (category && settings.rfm.byCategory[category]) || settings.rfm.ranges;
}

/**
 * One customer's facts as of `asOf`, from their orders and the shop's settings. The definition every
 * other computation (bulk SQL, KPIs) must agree with.
 */
export function computeCustomerFacts(input: {
  customer: CustomerRecord;
  orders: OrderRecord[];
  products: Map<string, ProductRecord>;
  settings: ShopSettings;
  population: FactPopulation | null;
  asOf: Date | string;
}): CustomerFacts {
  const { customer, settings } = input;
  const base = baseFacts(input.orders, settings, input.asOf);
  const ranges = rangesFor(settings, input.population, mainCategory(base.inWindow, input.products));
  const rfm =
    base.recencyDays === null || !ranges
      ? null
      : (() => {
          const r = scoreLowerBetter(base.recencyDays, ranges.recencyDays);
          const f = scoreHigherBetter(base.frequency, ranges.frequency);
          const m = scoreHigherBetter(base.monetary, ranges.monetary);
          return { r, f, m, segment: rfmSegment(r, f, m) };
        })();
  const tz = customer.timezone || settings.timezone;
  const today = localDate(typeof input.asOf === 'string' ? new Date(input.asOf) : input.asOf, tz);
  const tags = [...new Set([...(customer.manualTags ?? []), ...ruleTags(base.counted, input.products, settings)])].sort();
  return {
    orderCount: base.orderCount,
    totalSpend: base.totalSpend,
    frequency: base.frequency,
    monetary: base.monetary,
    recencyDays: base.recencyDays,
    firstOrderAt: base.firstOrderAt,
    lastOrderAt: base.lastOrderAt,
    aov: base.orderCount > 0 ? cents(base.totalSpend / base.orderCount) : null,
    rfm,
    lifecycleStage: lifecycleStage(base.recencyDays, settings, input.population),
    tier: higherTier(earnedTier(base.orderCount, base.totalSpend, settings), customer.tier),
    tags,
    daysToBirthday: customer.birthday ? daysToBirthday(customer.birthday, today) : null,
  };
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
    lifecycleRatio: percentilesDisc(buyers.map((b) => b.recencyDays!), [0.3, 0.6, 0.9]) as [number, number, number] | null,
  };
}
