import type { Locale } from '../../../engine/nodes/define';

/** The zones Chinese shops and their customers mostly live in, offered before the other ~400. */
export const commonZones: { zone: string; labels: Record<Locale, string> }[] = [
  { zone: 'Asia/Shanghai', labels: { 'zh-CN': '中国（北京时间）', en: 'China (Beijing time)' } },
  { zone: 'Asia/Hong_Kong', labels: { 'zh-CN': '香港', en: 'Hong Kong' } },
  { zone: 'Asia/Taipei', labels: { 'zh-CN': '台北', en: 'Taipei' } },
  { zone: 'Asia/Macau', labels: { 'zh-CN': '澳门', en: 'Macau' } },
  { zone: 'Asia/Singapore', labels: { 'zh-CN': '新加坡', en: 'Singapore' } },
  { zone: 'Asia/Kuala_Lumpur', labels: { 'zh-CN': '吉隆坡', en: 'Kuala Lumpur' } },
  { zone: 'Asia/Tokyo', labels: { 'zh-CN': '东京', en: 'Tokyo' } },
  { zone: 'Asia/Seoul', labels: { 'zh-CN': '首尔', en: 'Seoul' } },
  { zone: 'Asia/Bangkok', labels: { 'zh-CN': '曼谷', en: 'Bangkok' } },
  { zone: 'Australia/Sydney', labels: { 'zh-CN': '悉尼', en: 'Sydney' } },
  { zone: 'Europe/London', labels: { 'zh-CN': '伦敦', en: 'London' } },
  { zone: 'America/Los_Angeles', labels: { 'zh-CN': '洛杉矶', en: 'Los Angeles' } },
  { zone: 'America/New_York', labels: { 'zh-CN': '纽约', en: 'New York' } },
  { zone: 'UTC', labels: { 'zh-CN': '协调世界时', en: 'UTC' } },
];

export interface ZoneOption {
  zone: string;
  label: string;
  common: boolean;
}

/** Every IANA zone the browser knows (Intl), or the common ones where it cannot list them. */
export function knownZones(): string[] {
  const intl = Intl as { supportedValuesOf?: (key: string) => string[] };
  try {
    return intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : commonZones.map((c) => c.zone);
  } catch {
    return commonZones.map((c) => c.zone);
  }
}

/**
 * The picker's options: the common zones first in the order above, then the rest alphabetically;
 * `query` keeps those whose zone name or label contains it (case-insensitive, `_` read as a space).
 */
export function zoneOptions(all: readonly string[], locale: Locale, query = ''): ZoneOption[] {
  const q = query.trim().toLowerCase().replace(/_/g, ' ');
  const common = commonZones.map((c) => ({ zone: c.zone, label: c.labels[locale], common: true }));
  const commonSet = new Set(common.map((c) => c.zone));
  const rest = [...new Set(all)]
    .filter((z) => !commonSet.has(z))
    .sort()
    .map((zone) => ({ zone, label: zone.replace(/_/g, ' '), common: false }));
  const matches = (o: ZoneOption) => q === '' || o.zone.toLowerCase().replace(/_/g, ' ').includes(q) || o.label.toLowerCase().includes(q);
  return [...common, ...rest].filter(matches);
}
