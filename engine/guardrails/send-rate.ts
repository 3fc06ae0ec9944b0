import { durationToMs } from '../journey/duration';

/** A journey's send rate (settings.sendRate): at most `max` messages per `per` (ISO 8601). */
export interface SendRate {
  max: number;
  per: string;
}

/**
 * The newest window of a journey's send rate as the caller last stored it: its start (epoch ms,
 * a multiple of the window's length) and how many messages took a place in it.
 */
export interface RateWindow {
  start: number;
  sent: number;
}

/** The window a message takes a place in: the caller counts it there (a new window starts at 1). */
export interface RateSlot {
  windowMs: number;
  start: number;
}

/**
 * The first window at or after `at` with room, given the newest window so far. Windows fill in
 * order — a later one is opened only when the one before it is full — so the newest window is the
 * only one that may have room, and one before the window of `at` is of no concern.
 */
export function rateSlotFor(rate: SendRate, at: number, newest: RateWindow | null | undefined): RateSlot {
  const windowMs = durationToMs(rate.per);
  const current = Math.floor(at / windowMs) * windowMs;
  if (!newest || newest.start < current) return { windowMs, start: current };
  return { windowMs, start: newest.sent < rate.max ? newest.start : newest.start + windowMs };
}
