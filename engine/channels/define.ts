import type { Locale } from '../nodes/define';

/** What a marketer reads about a channel, in one language. */
export interface ChannelLabels {
  /** Short name: a column of the messages page, a cap's channel, a step's channel choice. */
  name: string;
  /** One sentence on what goes out on it, for the people choosing it. */
  description: string;
  /** The name of many, in a sentence ("webhook calls"); `name` when absent. */
  plural?: string;
  /** A count of messages, `{n}` standing for the number: "{n} 条短信"; `{n} × name` when absent. */
  count?: { one: string; other: string };
}

/**
 * How the designer previews a message on the channel: `sms` counts characters and SMS parts,
 * `email` renders HTML, `task` shows a staff to-do, `json` a request body, `text` plain text.
 */
export type ChannelPreview = 'sms' | 'email' | 'task' | 'json' | 'text';

/** A channel Huitou sends on: the built-ins (engine/channels/builtin.ts) and those plugins add. */
export interface ChannelDefinition {
  /** The key messages and summaries carry, e.g. `sms`, `dingtalk`. */
  key: string;
  labels: Record<Locale, ChannelLabels>;
  /** Place in palettes and summaries, lowest first; ties by key. */
  order: number;
  /** Whether a shop's frequency caps may count messages on it. */
  cappable: boolean;
  preview: ChannelPreview;
}

const KEY_PATTERN = /^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$/;

/**
 * Defines a channel. A bad definition throws here, naming the field, so a plugin fails when it is
 * loaded rather than when a summary or a page names its channel.
 */
export function defineChannel(channel: ChannelDefinition): ChannelDefinition {
  const fail = (field: string, reason: string): never => {
    throw new Error(`channel "${String(channel.key)}": ${field} ${reason}`);
  };
  if (typeof channel.key !== 'string' || !KEY_PATTERN.test(channel.key)) fail('key', 'must be lower-case words joined by "." or "-", e.g. "dingtalk"');
  for (const locale of ['zh-CN', 'en'] as const) {
    const l = channel.labels?.[locale];
    if (!l || typeof l.name !== 'string' || !l.name || typeof l.description !== 'string' || !l.description)
      fail(`labels.${locale}`, 'needs a name and a description');
  }
  if (!Number.isFinite(channel.order)) fail('order', 'must be a number');
  if (typeof channel.cappable !== 'boolean') fail('cappable', 'must be true or false');
  if (!['sms', 'email', 'task', 'json', 'text'].includes(channel.preview)) fail('preview', 'must be sms, email, task, json or text');
  return channel;
}

/** Channels in their order (then by key), so sentences and lists do not change with key order. */
export function sortChannels<T extends Pick<ChannelDefinition, 'key' | 'order'>>(channels: readonly T[]): T[] {
  return [...channels].sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
}

/** "3 条短信" / "3 SMS": a count on the channel in `locale`. */
export function channelCount(channel: Pick<ChannelDefinition, 'labels'>, n: number, locale: Locale): string {
  const l = channel.labels[locale];
  const pattern = l.count ? (n === 1 ? l.count.one : l.count.other) : locale === 'zh-CN' ? `{n} 次${l.name}` : `{n} × ${l.name}`;
  return pattern.replace('{n}', String(n));
}
