import type { TFunction } from 'i18next';
import type { Locale } from '../../../../engine/nodes/define';
import type { FrequencyCap } from '../../../../engine/guardrails/settings';
import { channelName as registeredChannelName } from '../../model/channels';
import { formatDuration } from '../../model/duration';
import type { Guardrails } from '../../model/guardrails';

/** The channel's name in the UI language (a guardrail's channel is a built-in one). */
export function channelName(channel: string, locale: Locale): string {
  return registeredChannelName(channel, locale);
}

/** The quiet-hours line, e.g. "夜间免打扰 21:00–09:00：顺延到结束后发送". */
export function quietText(t: TFunction, g: Guardrails): string {
  const q = g.quiet;
  if (q.kind === 'exempt') return t(`guardrails.quiet.${q.reason}`);
  if (q.kind === 'none') return t('guardrails.quiet.none');
  return t(`guardrails.quiet.${q.kind}`, { from: q.from, to: q.to });
}

/** The short form on the canvas node, or null when there is nothing to say. */
export function quietShort(t: TFunction, g: Guardrails): string | null {
  const q = g.quiet;
  if (q.kind === 'exempt') return q.reason === 'transactional' ? t('guardrails.quietShort.transactional') : null;
  if (q.kind === 'none') return null;
  return t(`guardrails.quietShort.${q.kind}`);
}

/** "每人每7天最多2条短信" / "At most 2 SMS per customer every 7 days". */
export function capText(t: TFunction, cap: FrequencyCap, locale: Locale): string {
  return t('guardrails.cap', { max: cap.max, channel: channelName(cap.channel, locale), within: capPeriod(cap.within, locale) });
}

/** `P7D` → "7天" / "7 days"; one unit reads "天" / "day", so the sentence says 每天 / every day. */
export function capPeriod(within: string, locale: Locale): string {
  const text = formatDuration(within, locale) ?? within;
  if (locale === 'zh-CN') return text.replace(/ /g, '').replace(/^1(?=\D)/, '');
  return text.replace(/^1 /, '');
}
