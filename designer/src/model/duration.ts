import type { Locale } from '../../../engine/nodes/define';

// The ISO 8601 durations journeys use (no years or months; see engine/journey/duration.ts).
const ISO = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

const units: Record<Locale, [one: string, many: string][]> = {
  en: [
    ['week', 'weeks'],
    ['day', 'days'],
    ['h', 'h'],
    ['min', 'min'],
    ['s', 's'],
  ],
  'zh-CN': [
    ['周', '周'],
    ['天', '天'],
    ['小时', '小时'],
    ['分钟', '分钟'],
    ['秒', '秒'],
  ],
};

/** `PT25M` → "25 min" / "25 分钟"; null for anything that is not such a duration. */
export function formatDuration(value: string, locale: Locale): string | null {
  const m = ISO.exec(value);
  if (!m || value === 'P' || value.endsWith('T')) return null;
  const parts = m.slice(1).flatMap((n, i) => {
    if (n === undefined || Number(n) === 0) return [];
    const [one, many] = units[locale][i]!;
    return [`${n} ${Number(n) === 1 ? one : many}`];
  });
  return parts.length > 0 ? parts.join(' ') : null;
}
