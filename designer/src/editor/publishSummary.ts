import type { JourneySummary } from '../../../engine/analysis/summary';
import type { Journey } from '../../../engine/journey/schema';
import type { Locale } from '../../../engine/nodes/define';
import { formatDuration } from '../model/duration';
import { formatSpan } from '../simulate/format';

/**
 * The publish confirmation's summary in words (issue #5 item 6): what the journey can do to one
 * customer at worst — messages per channel, the longest stay, who may enter again. Pure and with
 * its own words per language, like model/duration.ts, so the sentences are unit-tested.
 */

/** How each channel counts: "3 条短信" / "3 SMS". Unknown channels (plugin actions) say their type. */
const CHANNELS: Record<Locale, Record<string, (n: number) => string>> = {
  'zh-CN': {
    sms: (n) => `${n} 条短信`,
    email: (n) => `${n} 封邮件`,
    task: (n) => `${n} 个客服任务`,
    webhook: (n) => `${n} 次 Webhook 调用`,
    dingtalk: (n) => `${n} 条钉钉消息`,
  },
  en: {
    sms: (n) => `${n} SMS`,
    email: (n) => `${n} ${n === 1 ? 'email' : 'emails'}`,
    task: (n) => `${n} staff ${n === 1 ? 'task' : 'tasks'}`,
    webhook: (n) => `${n} webhook ${n === 1 ? 'call' : 'calls'}`,
    dingtalk: (n) => `${n} DingTalk ${n === 1 ? 'message' : 'messages'}`,
  },
};

const CHANNEL_NAMES: Record<Locale, Record<string, string>> = {
  'zh-CN': { sms: '短信', email: '邮件', task: '客服任务', webhook: 'Webhook', dingtalk: '钉钉消息' },
  en: { sms: 'SMS', email: 'email', task: 'staff tasks', webhook: 'webhook calls', dingtalk: 'DingTalk messages' },
};

// Channels in a fixed order (the common ones first) so the sentence does not change with key order.
const ORDER = ['sms', 'email', 'task', 'webhook', 'dingtalk'];
const byOrder = (a: string, b: string) => (ORDER.includes(a) ? ORDER.indexOf(a) : ORDER.length) - (ORDER.includes(b) ? ORDER.indexOf(b) : ORDER.length) || a.localeCompare(b);

export function channelName(channel: string, locale: Locale): string {
  return CHANNEL_NAMES[locale][channel] ?? channel;
}

export interface SummaryWordsOut {
  /** "最多 3 条短信、1 封邮件" / "At most 3 SMS, 1 email"; "不发送消息" when it sends nothing. */
  messages: string;
  /** Channels a loop can send on without end, named: each gets its own warning. */
  unbounded: string[];
  /** "最长 37 天", or why there is no bound. */
  stay: string;
  /** The entry rule: who may enter again. */
  entry: string;
}

type EntrySettings = Pick<Journey['settings'], 'reEntry' | 'reEntryCooldown'>;

/** `perOrder`: the trigger enrols once per order (its entry key), not once per customer. */
export function summaryInWords(summary: JourneySummary, settings: EntrySettings, locale: Locale, perOrder = false): SummaryWordsOut {
  const zh = locale === 'zh-CN';
  const channels = Object.keys(summary.messagesPerChannel).sort(byOrder);
  const counted = channels.filter((c) => summary.messagesPerChannel[c] !== 'unbounded' && summary.messagesPerChannel[c] !== 0);
  const unbounded = channels.filter((c) => summary.messagesPerChannel[c] === 'unbounded').map((c) => channelName(c, locale));
  const phrase = (c: string) => (CHANNELS[locale][c] ?? ((n: number) => (zh ? `${n} 次 ${c}` : `${n} × ${c}`)))(summary.messagesPerChannel[c] as number);

  let messages: string;
  if (counted.length > 0) messages = zh ? `最多 ${counted.map(phrase).join('、')}` : `At most ${counted.map(phrase).join(', ')}`;
  else if (unbounded.length > 0) messages = zh ? '没有有限的上限' : 'No finite limit';
  else messages = zh ? '不发送消息' : 'Sends no messages';

  const stayMs = summary.longestStayMs;
  const stay =
    stayMs === 'unbounded'
      ? zh
        ? '可能无限期停留：旅程中有循环'
        : 'Can stay without end: the journey has a loop'
      : stayMs === 'unknown'
        ? zh
          ? '最长停留取决于客户的日期（如生日）'
          : "The longest stay depends on the customer's dates (such as a birthday)"
        : stayMs === 0
          ? zh
            ? '客户进入后立刻走完'
            : 'Customers pass straight through'
          : zh
            ? `最长 ${formatSpan(stayMs, locale)}`
            : `At most ${formatSpan(stayMs, locale)}`;

  return { messages, unbounded, stay, entry: entryWords(settings, locale, perOrder) };
}

function entryWords(settings: EntrySettings, locale: Locale, perOrder: boolean): string {
  const zh = locale === 'zh-CN';
  const who = zh ? (perOrder ? '同一订单' : '客户') : perOrder ? 'each order' : 'a customer';
  switch (settings.reEntry) {
    case 'after-exit':
      return zh ? `${who}走完后可以再次进入` : `Once it has left, ${who} may enter again`;
    case 'cooldown': {
      const wait = settings.reEntryCooldown ? (formatDuration(settings.reEntryCooldown, locale) ?? settings.reEntryCooldown) : '';
      return zh ? `${who}走完后需间隔 ${wait}才能再次进入` : `${who === 'a customer' ? 'A customer' : 'Each order'} may enter again ${wait} after leaving`;
    }
    default:
      return zh ? (perOrder ? '每个订单只进入一次' : '每位客户只进入一次') : perOrder ? 'Enters once per order' : 'Each customer enters once';
  }
}
