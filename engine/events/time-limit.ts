import type { Locale } from '../nodes/define';

/**
 * How far ahead of the server's clock an event may be dated. Clocks disagree by seconds or
 * minutes, and a shop's systems may stamp local time with a wrong offset by hours; anything
 * further ahead is a mistake (a year 2099, a time in milliseconds read as seconds) that would
 * otherwise be stored, win every later comparison of times and never be counted by the facts.
 */
export const FUTURE_LIMIT_MS = 24 * 60 * 60 * 1000;

/** Whether `at` lies more than a day after `now`. */
export function isTooFarAhead(at: Date, now: Date): boolean {
  return at.getTime() - now.getTime() > FUTURE_LIMIT_MS;
}

const messages: Record<Locale, (at: string, now: string) => string> = {
  en: (at, now) =>
    `is ${at}, more than a day after the server's time (${now}): an event is sent once it has happened, with the time it happened (check the time zone offset and that the time is not in milliseconds read as seconds)`,
  'zh-CN': (at, now) => `为 ${at}，比服务器时间（${now}）晚一天以上：事件应在发生后发送，并填写实际发生时间（请检查时区偏移，以及时间单位是否有误）`,
};

/** Why an event dated `at` is refused, in the caller's language (the field name is added by the caller). */
export function tooFarAheadMessage(locale: Locale, at: Date, now: Date): string {
  return messages[locale](at.toISOString(), now.toISOString());
}
