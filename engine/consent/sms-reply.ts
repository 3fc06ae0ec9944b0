/**
 * What an SMS reply (上行短信) asks for. Read narrowly, because a wrong "unsubscribe" silences a
 * customer and a wrong "resubscribe" is against the rules:
 *
 * - the text is normalised first: NFKC (full-width `ＴＤ` → `TD`), spaces of any kind and
 *   punctuation around it removed (`退订。`, ` t! `), Latin letters upper-cased;
 * - **unsubscribe** when the whole text is `T`, `TD`, `R`, `退`, `退订`, `取消订阅` or `TD退订`,
 *   or when it contains `退订` or `取消订阅` anywhere (`请帮我退订`, `退订谢谢`);
 * - **resubscribe** when the whole text is `订阅`, `恢复`, `恢复订阅`, `重新订阅` or `开通`;
 * - anything else asks for nothing: `TDX`, `谢谢`, `退款` (a refund question contains 退 but is no
 *   opt-out), `好的T` — Latin keywords count only as the whole reply.
 */
export type SmsReplyAction = 'unsubscribe' | 'resubscribe' | 'none';

export const unsubscribeWords = ['T', 'TD', 'R', '退', '退订', '取消订阅', 'TD退订'] as const;
export const unsubscribeContained = ['退订', '取消订阅'] as const;
export const resubscribeWords = ['订阅', '恢复', '恢复订阅', '重新订阅', '开通'] as const;

/** Spaces and punctuation at either end (ASCII and CJK), removed before the words are compared. */
const edges = /^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu;

export function normaliseReply(text: string): string {
  return text.normalize('NFKC').replace(edges, '').replace(/\s+/g, '').toUpperCase();
}

export function smsReplyAction(text: string): SmsReplyAction {
  const reply = normaliseReply(text);
  if (reply === '') return 'none';
  if ((unsubscribeWords as readonly string[]).includes(reply)) return 'unsubscribe';
  if (unsubscribeContained.some((w) => reply.includes(w))) return 'unsubscribe';
  if ((resubscribeWords as readonly string[]).includes(reply)) return 'resubscribe';
  return 'none';
}
