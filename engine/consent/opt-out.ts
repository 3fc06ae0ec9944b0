/** The opt-out text marketing SMS end with unless the shop sets its own (`sms.optOutText`). */
export const defaultOptOutText = '拒收请回复R';

/**
 * A marketing SMS as it goes out: the text with the shop's opt-out text at its end, once — a
 * template that already ends with it (the shop wrote it in) is left as it is. Only marketing SMS
 * get it; transactional ones and other channels never pass through here.
 */
export function withOptOut(text: string, optOutText: string): string {
  const optOut = optOutText.trim();
  if (optOut === '' || text.trimEnd().endsWith(optOut)) return text;
  return `${text.trimEnd()} ${optOut}`;
}
