import type { JourneySummary } from '../../../engine/analysis/summary';
import type { Journey } from '../../../engine/journey/schema';
import type { ChannelDefinition } from '../../../engine/channels/define';
import type { Locale } from '../../../engine/nodes/define';
import { channelCountText, channelPlural, inChannelOrder } from '../model/channels';
import { formatDuration } from '../model/duration';
import { formatSpan } from '../simulate/format';

/**
 * The publish confirmation's summary in words (issue #5 item 6): what the journey can do to one
 * customer at worst — messages per channel, the longest stay, who may enter again. Pure and with
 * its own words per language, like model/duration.ts, so the sentences are unit-tested.
 */

/** The channel's name in a sentence ("webhook calls"), from the channel registry. */
export function channelName(channel: string, locale: Locale, channels?: readonly ChannelDefinition[]): string {
  return channelPlural(channel, locale, channels);
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

/**
 * `perOrder`: the trigger enrols once per order (its entry key), not once per customer.
 * `registered`: the channels the server knows (plugins' included); the built-ins when absent.
 * Channels are counted in the registry's order, so the sentence does not change with key order.
 */
export function summaryInWords(
  summary: JourneySummary,
  settings: EntrySettings,
  locale: Locale,
  perOrder = false,
  registered?: readonly ChannelDefinition[],
): SummaryWordsOut {
  const zh = locale === 'zh-CN';
  const channels = inChannelOrder(Object.keys(summary.messagesPerChannel), registered);
  const counted = channels.filter((c) => summary.messagesPerChannel[c] !== 'unbounded' && summary.messagesPerChannel[c] !== 0);
  const unbounded = channels.filter((c) => summary.messagesPerChannel[c] === 'unbounded').map((c) => channelName(c, locale, registered));
  const phrase = (c: string) => channelCountText(c, summary.messagesPerChannel[c] as number, locale, registered);

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
