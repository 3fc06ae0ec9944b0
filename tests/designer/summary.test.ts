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
  enumValue: (field, value) => (locale === 'zh-CN' && field === 'channel' ? ({ sms: '短信', task: '客服任务' })[value] ?? value : value),
  joiner: (mode) => (mode === 'all' ? 'and' : 'or'),
});

describe('one-line step summaries', () => {
  it('reads the payment reminder steps in either language', () => {
    expect(summarizeConfig(config('await-payment'), words('en'))).toBe('order.paid · 25 min');
    expect(summarizeConfig(config('await-payment'), words('zh-CN'))).toBe('order.paid · 25 分钟');
    expect(summarizeConfig(config('high-value'), words('en'))).toBe('Order amount ≥ 500');
    expect(summarizeConfig(config('high-value'), words('zh-CN'))).toBe('订单金额 ≥ 500');
    expect(summarizeConfig(config('reminder-sms'), words('zh-CN'))).toMatch(/^短信 · 亲爱的/);
    expect(summarizeConfig(config('done'), words('en'))).toBe('');
  });

  it('names facts without paths and lists', () => {
    const any = { any: [{ fact: 'orderAmount', operator: 'greaterThanInclusive', value: 100 }, { fact: 'customer', path: '$.region', operator: 'in', value: ['上海', '北京'] }] };
    expect(summarizeConfig({ conditions: any }, words('en'))).toBe('Order amount ≥ 100 or Region is one of 上海, 北京');
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
