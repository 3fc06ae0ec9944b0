import type { TFunction } from 'i18next';
import { rfmSegmentLabels, type RfmSegment, type ShopSettings } from '../../../engine/index';
import { currentLocale } from '../i18n';

export type Dimension = 'stage' | 'tier' | 'rfmSegment';

/** A stage, tier (the shop's own name when it set one) or RFM segment as the marketer reads it. */
export function valueLabel(t: TFunction, settings: ShopSettings, dimension: Dimension, value: string | null): string {
  if (value === null) return t('settingsPage.preview.nothing');
  if (dimension === 'stage') return t(`kpi.stages.${value}`, { defaultValue: value });
  if (dimension === 'tier') return settings.tiers.find((r) => r.id === value)?.name ?? t(`kpi.tiers.${value}`, { defaultValue: value });
  return rfmSegmentLabels[value as RfmSegment]?.[currentLocale()] ?? value;
}

/** Whole numbers with the locale's grouping (1,234). */
export const count = (n: number): string => n.toLocaleString(currentLocale());
