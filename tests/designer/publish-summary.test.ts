import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRegistry, journeySchema, journeySummary } from '../../engine/index';
import { summaryInWords } from '../../designer/src/editor/publishSummary';
import dingTalkRobot from '../../plugins/dingtalk-robot/index';
import type { NodeDefinition } from '../../engine/index';

/** The publish confirmation's sentences, from the engine's real static analysis where a journey is at hand. */
const DAY = 86_400_000;
const settings = { reEntry: 'never' as const, reEntryCooldown: undefined };

describe('the journey summary in words', () => {
  it('the payment reminder: at most one SMS and one staff task, 25 minutes, once per order', () => {
    const journey = journeySchema.parse(JSON.parse(readFileSync(join(import.meta.dirname, '../../examples/journeys/payment-reminder.json'), 'utf8')));
    const summary = journeySummary(journey, createRegistry());
    expect(summaryInWords(summary, journey.settings, 'zh-CN', true)).toEqual({
      messages: '最多 1 条短信、1 个客服任务',
      unbounded: [],
      stay: '最长 25 分钟',
      entry: '每个订单只进入一次',
    });
    expect(summaryInWords(summary, journey.settings, 'en', true)).toEqual({
      messages: 'At most 1 SMS, 1 staff task',
      unbounded: [],
      stay: 'At most 25 min',
      entry: 'Enters once per order',
    });
  });

  it('counts in a fixed channel order, plural in English, plugin channels by their type', () => {
    const summary = { messagesPerChannel: { email: 2, sms: 3, wecom: 1 }, longestStayMs: 37 * DAY, paths: 4 };
    expect(summaryInWords(summary, settings, 'zh-CN').messages).toBe('最多 3 条短信、2 封邮件、1 次 wecom');
    expect(summaryInWords(summary, settings, 'en').messages).toBe('At most 3 SMS, 2 emails, 1 × wecom');
    expect(summaryInWords(summary, settings, 'zh-CN').stay).toBe('最长 37 天');
    expect(summaryInWords(summary, settings, 'zh-CN').entry).toBe('每位客户只进入一次');
  });

  it('names a plugin channel by what the plugin registered, in the registry order', () => {
    const channels = createRegistry([dingTalkRobot as NodeDefinition]).channels();
    const summary = { messagesPerChannel: { dingtalk: 2, sms: 1, wecom: 1 }, longestStayMs: DAY, paths: 1 };
    expect(summaryInWords(summary, settings, 'zh-CN', false, channels).messages).toBe('最多 1 条短信、2 条钉钉消息、1 次 wecom');
    expect(summaryInWords(summary, settings, 'en', false, channels).messages).toBe('At most 1 SMS, 2 DingTalk messages, 1 × wecom');
    const loop = summaryInWords({ messagesPerChannel: { dingtalk: 'unbounded' }, longestStayMs: 'unbounded', paths: 1 }, settings, 'en', false, channels);
    expect(loop.unbounded).toEqual(['DingTalk messages']);
    // Without the server's list (the built-ins only) the channel is named by its key.
    expect(summaryInWords(summary, settings, 'en').messages).toBe('At most 1 SMS, 2 × dingtalk, 1 × wecom');
  });

  it('a loop that sends: a warning per channel and no bound on the stay', () => {
    const words = summaryInWords({ messagesPerChannel: { sms: 'unbounded', email: 1 }, longestStayMs: 'unbounded', paths: 2 }, settings, 'zh-CN');
    expect(words).toMatchObject({ messages: '最多 1 封邮件', unbounded: ['短信'], stay: '可能无限期停留：旅程中有循环' });
    expect(summaryInWords({ messagesPerChannel: { sms: 'unbounded' }, longestStayMs: 'unbounded', paths: 1 }, settings, 'en')).toMatchObject({
      messages: 'No finite limit',
      unbounded: ['SMS'],
    });
  });

  it('nothing sent, a stay that depends on the customer, re-entry rules', () => {
    const none = { messagesPerChannel: {}, longestStayMs: 'unknown' as const, paths: 1 };
    expect(summaryInWords(none, settings, 'zh-CN')).toMatchObject({ messages: '不发送消息', stay: '最长停留取决于客户的日期（如生日）' });
    expect(summaryInWords(none, { reEntry: 'after-exit', reEntryCooldown: undefined }, 'zh-CN').entry).toBe('客户走完后可以再次进入');
    expect(summaryInWords(none, { reEntry: 'cooldown', reEntryCooldown: 'P30D' }, 'zh-CN').entry).toBe('客户走完后需间隔 30 天才能再次进入');
    expect(summaryInWords(none, { reEntry: 'cooldown', reEntryCooldown: 'P30D' }, 'en').entry).toBe('A customer may enter again 30 days after leaving');
  });
});
