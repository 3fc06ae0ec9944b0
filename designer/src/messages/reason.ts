import type { TFunction } from 'i18next';
import type { SentMessage } from './api';

/** Statuses whose reason is news to the reader; a delivered message's past hold is not. */
const SHOWN = new Set(['queued', 'capped', 'cancelled', 'skipped_quiet_hours', 'skipped_no_recipient', 'skipped_unsubscribed']);

/**
 * The message's reason (GET /api/messages `reason`: a code and parameters) in the reader's
 * language: "held until …", "capped by …", "cancelled because …", "skipped: …". Times are worded
 * by `formatTime`; null when there is nothing to say.
 */
export function reasonText(m: Pick<SentMessage, 'status' | 'reason'>, t: TFunction, formatTime: (iso: string) => string): string | null {
  if (!m.reason || !SHOWN.has(m.status)) return null;
  const { code, params } = m.reason;
  const key = code === 'quiet_hours' && m.status === 'skipped_quiet_hours' ? 'quiet_hours_skipped' : code;
  const until = typeof params.until === 'string' ? formatTime(params.until) : '';
  return t(`messages.reason.${key}`, { ...params, until, defaultValue: code });
}
