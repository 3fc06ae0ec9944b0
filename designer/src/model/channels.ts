import { builtinChannels } from '../../../engine/channels/builtin';
import { channelCount, sortChannels, type ChannelDefinition } from '../../../engine/channels/define';
import type { Locale } from '../../../engine/nodes/define';

/**
 * Channels named for a marketer, from the engine's channel registry: the built-ins, and those
 * plugins add (the server lists them in GET /api/node-types; the store keeps them). Before the
 * server answers, and in pure tests, the built-ins.
 */
type Channels = readonly ChannelDefinition[];

const find = (channels: Channels, key: string) => channels.find((c) => c.key === key);

/** "短信" / "Staff task": the channel's short name; its key when nothing registered it. */
export function channelName(key: string, locale: Locale, channels: Channels = builtinChannels): string {
  return find(channels, key)?.labels[locale].name ?? key;
}

/** The name of many in a sentence ("webhook calls"); its key when nothing registered it. */
export function channelPlural(key: string, locale: Locale, channels: Channels = builtinChannels): string {
  const labels = find(channels, key)?.labels[locale];
  return labels ? (labels.plural ?? labels.name) : key;
}

/** "3 条短信" / "3 SMS"; an unregistered channel (a plugin action without one) says its key. */
export function channelCountText(key: string, n: number, locale: Locale, channels: Channels = builtinChannels): string {
  const channel = find(channels, key);
  if (channel) return channelCount(channel, n, locale);
  return locale === 'zh-CN' ? `${n} 次 ${key}` : `${n} × ${key}`;
}

/** Keys in the registry's order (then by key); unregistered keys last, by key. */
export function inChannelOrder(keys: readonly string[], channels: Channels = builtinChannels): string[] {
  const order = sortChannels(channels).map((c) => c.key);
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  return [...keys].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
