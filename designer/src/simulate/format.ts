import type { Locale } from '../../../engine/nodes/define';
import { toLocal } from '../../../engine/time/zoned';

/**
 * Virtual instants as the marketer reads them: the wall clock in the customer's zone, and how long
 * after the start. Built from the engine's Intl-only zone helpers and fixed words, so the text is
 * the same in every browser (and in the unit tests).
 */

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** "11月23日 20:25" / "23 Nov 20:25" on the wall clock of `zone`. */
export function formatVirtualTime(iso: string, zone: string, locale: Locale): string {
  const l = toLocal(Date.parse(iso), zone);
  const time = `${pad(l.hour)}:${pad(l.minute)}`;
  return locale === 'zh-CN' ? `${l.month}月${l.day}日 ${time}` : `${l.day} ${MONTHS_EN[l.month - 1]} ${time}`;
}

/** "20:25": the badge on a visited step (the timeline gives the date). */
export function formatClock(iso: string, zone: string): string {
  const l = toLocal(Date.parse(iso), zone);
  return `${pad(l.hour)}:${pad(l.minute)}`;
}

const SPAN_UNITS: Record<Locale, { day: [string, string]; hour: string; minute: string; second: string }> = {
  'zh-CN': { day: ['天', '天'], hour: '小时', minute: '分钟', second: '秒' },
  en: { day: ['day', 'days'], hour: 'h', minute: 'min', second: 's' },
};

/**
 * A length of time in at most its two largest units: "37 天", "1 天 2 小时", "25 min". Seconds
 * only when it is under a minute; what is below the second unit is dropped.
 */
export function formatSpan(ms: number, locale: Locale): string {
  const u = SPAN_UNITS[locale];
  const total = Math.max(0, Math.round(ms / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const parts: string[] = [];
  if (days > 0) parts.push(`${days} ${days === 1 ? u.day[0] : u.day[1]}`);
  if (hours > 0) parts.push(`${hours} ${u.hour}`);
  if (minutes > 0) parts.push(`${minutes} ${u.minute}`);
  if (parts.length === 0) return `${seconds} ${u.second}`;
  return parts.slice(0, 2).join(' ');
}

/** "+25 分钟" / "+1 day 2 h" after `start`; "+0" at it. */
export function formatElapsed(iso: string, start: string, locale: Locale): string {
  const ms = Date.parse(iso) - Date.parse(start);
  return ms <= 0 ? '+0' : `+${formatSpan(ms, locale)}`;
}
