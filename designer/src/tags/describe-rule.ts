import type { TFunction } from 'i18next';
import { stageLabels } from '../../../engine/facts/catalog-customer';
import { rfmSegmentLabels } from '../../../engine/facts/rfm';
import type { Locale } from '../../../engine/nodes/define';
import type { TagRuleDraft } from '../api/tag-rules';

/** A stage's or segment's name in the designer's language. */
export const stageName = (stage: keyof typeof stageLabels, locale: Locale) => stageLabels[stage][locale];
export const segmentName = (segment: keyof typeof rfmSegmentLabels, locale: Locale) => rfmSegmentLabels[segment][locale];

/** A rule's condition in words: zh-CN "买过 面部护理 类目", en "Bought in the category 面部护理". */
export function describeCondition(rule: TagRuleDraft, t: TFunction, locale: Locale): string {
  const list = (xs: readonly string[]) => xs.join(t('tagsPage.or'));
  switch (rule.kind) {
    case 'bought-product':
      return t('tagsPage.says.bought-product', { what: list(rule.productIds) });
    case 'bought-category':
      return t('tagsPage.says.bought-category', { what: list(rule.categories) });
    case 'price-sensitive':
      return t('tagsPage.says.price-sensitive', { pct: rule.minDiscountPct ?? 20 });
    case 'spend-in-window':
      return t('tagsPage.says.spend-in-window', { amount: rule.minSpend, days: rule.days });
    case 'orders-in-window':
      return t('tagsPage.says.orders-in-window', { count: rule.minOrders, days: rule.days });
    case 'rfm-segment':
      return t('tagsPage.says.rfm-segment', { what: list(rule.segments.map((s) => segmentName(s, locale))) });
    case 'stage':
      return t('tagsPage.says.stage', { what: list(rule.stages.map((s) => stageName(s, locale))) });
  }
}

/** The whole rule in words: "买过 面部护理 类目 → 油性肤质". */
export const describeRule = (rule: TagRuleDraft, t: TFunction, locale: Locale) => `${describeCondition(rule, t, locale)} → ${rule.tag ?? ''}`;
