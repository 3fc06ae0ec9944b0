import type { TagRuleKind } from '../../../engine/facts/tag-rules';
import type { TagRuleDraft } from '../api/tag-rules';

/** A fresh rule of each kind, keeping the tag and note already typed when the kind changes. */
export function draftOfKind(kind: TagRuleKind, keep: { tag?: string | undefined; note?: string | undefined }): TagRuleDraft {
  const common = { tag: keep.tag ?? '', ...(keep.note ? { note: keep.note } : {}) };
  switch (kind) {
    case 'bought-product':
      return { ...common, kind, productIds: [] };
    case 'bought-category':
      return { ...common, kind, categories: [] };
    case 'price-sensitive':
      return { ...common, kind, minDiscountPct: 20 };
    case 'spend-in-window':
      return { ...common, kind, minSpend: 500, days: 30 };
    case 'orders-in-window':
      return { ...common, kind, minOrders: 2, days: 90 };
    case 'rfm-segment':
      return { ...common, kind, segments: [] };
    case 'stage':
      return { ...common, kind, stages: [] };
  }
}
