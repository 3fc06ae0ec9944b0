import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { factCatalog } from '../../engine/facts/catalog';
import type { Journey } from '../../engine/journey/schema';
import type { Locale } from '../../engine/nodes/define';
import { formatDuration } from '../../designer/src/model/duration';
import { summarizeConfig, type SummaryWords } from '../../designer/src/model/summary';

const example = JSON.parse(readFileSync(new URL('../../examples/journeys/payment-reminder.json', import.meta.url), 'utf8')) as Journey;
const config = (id: string) => example.nodes.find((n) => n.id === id)!.config;

const words = (locale: Locale): SummaryWords => ({
  locale,
  facts: factCatalog,
  operator: (op) => ({ greaterThanInclusive: '≥', in: locale === 'en' ? 'is one of' : '属于' })[op] ?? op,
  enumValue: (field, value) => (locale === 'zh-CN' && field === 'channel' ? ({ sms: '短信', task: '客服任务' }[value] ?? value) : value),
  joiner: (mode) => (mode === 'all' ? 'and' : 'or'),
});

describe('one-line step summaries', () => {
  it('reads the payment reminder steps in either language', () => {
    expect(summarizeConfig(config('await-payment'), words('en'))).toBe('order.paid · 25 min');
    expect(summarizeConfig(config('await-payment'), words('zh-CN'))).toBe('order.paid · 25 分钟');
    expect(summarizeConfig(config('high-value'), words('en'))).toBe('Order amount at least ¥500');
    expect(summarizeConfig(config('high-value'), words('zh-CN'))).toBe('订单金额至少500元');
    expect(summarizeConfig(config('reminder-sms'), words('zh-CN'))).toMatch(/^短信 · 亲爱的/);
    expect(summarizeConfig(config('done'), words('en'))).toBe('');
  });

  it('puts conditions in plain words, nested groups too, and leaves an empty one out', () => {
    const any = {
      any: [
        { fact: 'orderAmount', operator: 'greaterThanInclusive', value: 100 },
        { fact: 'customer', path: '$.region', operator: 'in', value: ['上海', '北京'] },
      ],
    };
    expect(summarizeConfig({ conditions: any }, words('en'))).toBe('Order amount at least ¥100 or region is "上海" or "北京"');
    const nested = {
      all: [
        { fact: 'orderCount', operator: 'greaterThanInclusive', value: 2 },
        {
          any: [
            { fact: 'tier', operator: 'in', value: ['vip', 'supreme'] },
            { fact: 'tags', operator: 'hasTag', value: '油性肤质' },
          ],
        },
      ],
    };
    expect(summarizeConfig({ conditions: nested }, words('zh-CN'))).toBe('累计购买次数至少2单且（会员等级为VIP会员或至尊VIP会员或有标签“油性肤质”）');
    expect(summarizeConfig({ conditions: { all: [] } }, words('zh-CN'))).toBe('');
  });

  it('writes durations in words and leaves other text alone', () => {
    expect(formatDuration('PT25M', 'en')).toBe('25 min');
    expect(formatDuration('P1D', 'en')).toBe('1 day');
    expect(formatDuration('P1W2DT3H', 'zh-CN')).toBe('1 周 2 天 3 小时');
    expect(formatDuration('PT2H30M', 'en')).toBe('2 h 30 min');
    for (const text of ['order.paid', 'P', 'PT', 'P1M', 'sms', '']) expect(formatDuration(text, 'en')).toBeNull();
  });

  it('lists fields in the schema order, whatever order the stored document has', () => {
    expect(summarizeConfig({ to: '12:00', from: '10:00' }, words('en'), ['from', 'to', 'weekdays'])).toBe('10:00 · 12:00');
    expect(summarizeConfig({ to: '12:00', from: '10:00' }, words('en'))).toBe('12:00 · 10:00');
  });
});
