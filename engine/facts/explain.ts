import { earnedTier, type CustomerFacts } from './customer-facts';
import type { FactPopulation } from './rfm';
import { tierIds, type LifecycleStage, type ShopSettings, type TierId } from './settings';

/** One RFM score and why: the customer's value and the four thresholds between scores 1|2|3|4|5. */
export interface ScoreExplanation {
  score: number;
  value: number;
  thresholds: number[];
}

/**
 * Why a customer's facts are what they are, as numbers and the rule that applied; the designer
 * words them ("R 3: last purchase 42 days ago"). Computed with the same settings and population
 * boundaries as the facts themselves.
 */
export interface FactsExplanation {
  rfm: {
    /** `quintiles`: boundaries from the stored population; `ranges`: the shop's (or its main category's). */
    mode: 'quintiles' | 'ranges';
    /** The main category whose ranges applied, when the shop scores by category. */
    category: string | null;
    windowDays: number;
    r: ScoreExplanation;
    f: ScoreExplanation;
    m: ScoreExplanation;
  } | null;
  stage: {
    stage: LifecycleStage;
    recencyDays: number | null;
    /** `windows`: the shop's days; `ratio`: the 3:3:3:1 split of the stored population. */
    mode: 'windows' | 'ratio';
    /** Last day (inclusive) of active, silent and sleeping, in days since the last purchase. */
    bounds: [number, number, number];
  };
  tier: {
    tier: TierId;
    /** The tier the counted orders earn now: lower than `tier` when a tier once reached is kept. */
    earned: TierId;
    totalSpend: number;
    orderCount: number;
    /** The rule of the tier held (reached by spend or by orders). */
    rule: { minSpend: number; minOrders: number } | null;
    /** The next tier up and what it takes, none at the top. */
    next: { id: TierId; minSpend: number; minOrders: number } | null;
  };
}

export interface ExplainInput {
  facts: CustomerFacts;
  settings: ShopSettings;
  population: FactPopulation | null;
  /** The main category the facts were scored by (customerFactsDetail), or null. */
  mainCategory: string | null;
}

/** The explanation of one customer's RFM scores, lifecycle stage and tier. */
export function explainFacts({ facts, settings, population, mainCategory }: ExplainInput): FactsExplanation {
  const ranges =
    settings.rfm.scoring === 'quintiles' ? (population?.rfmQuintiles ?? null) : (mainCategory && settings.rfm.byCategory[mainCategory]) || settings.rfm.ranges;
  const byCategory = settings.rfm.scoring === 'ranges' && mainCategory !== null && settings.rfm.byCategory[mainCategory] !== undefined;
  const rfm =
    facts.rfm && ranges && facts.recencyDays !== null
      ? {
          mode: settings.rfm.scoring,
          category: byCategory ? mainCategory : null,
          windowDays: settings.rfm.windowDays,
          r: { score: facts.rfm.r, value: facts.recencyDays, thresholds: [...ranges.recencyDays] },
          f: { score: facts.rfm.f, value: facts.frequency, thresholds: [...ranges.frequency] },
          m: { score: facts.rfm.m, value: facts.monetary, thresholds: [...ranges.monetary] },
        }
      : null;
  const ratio = settings.lifecycle.mode === 'ratio' && population?.lifecycleRatio ? population.lifecycleRatio : null;
  const l = settings.lifecycle;
  const rules = [...settings.tiers].sort((a, b) => tierIds.indexOf(a.id) - tierIds.indexOf(b.id));
  const held = rules.find((t) => t.id === facts.tier);
  const next = rules.find((t) => tierIds.indexOf(t.id) > tierIds.indexOf(facts.tier));
  return {
    rfm,
    stage: {
      stage: facts.lifecycleStage,
      recencyDays: facts.recencyDays,
      mode: ratio ? 'ratio' : 'windows',
      bounds: ratio ? [...ratio] : [l.activeDays, l.silentDays, l.sleepingDays],
    },
    tier: {
      tier: facts.tier,
      earned: earnedTier(facts.orderCount, facts.totalSpend, settings),
      totalSpend: facts.totalSpend,
      orderCount: facts.orderCount,
      rule: held ? { minSpend: held.minSpend, minOrders: held.minOrders } : null,
      next: next ? { id: next.id, minSpend: next.minSpend, minOrders: next.minOrders } : null,
    },
  };
}
