import { describe, expect, it } from 'vitest';
import { factCatalog } from '../../engine/facts/catalog';
import { describeCondition, operatorLabel, ruleWords } from '../../designer/src/model/condition-words';

const zh = (c: unknown) => describeCondition(c, factCatalog, 'zh-CN');
const en = (c: unknown) => describeCondition(c, factCatalog, 'en');
const rule = (fact: string, operator: string, value: unknown, path?: string) => ({ fact, operator, value, ...(path ? { path } : {}) });

describe('conditions in plain words', () => {
  it('says the brief’s example in both languages, groups in brackets', () => {
    const c = { all: [rule('frequency', 'greaterThanInclusive', 2), rule('monetary', 'greaterThan', 300), rule('recencyDays', 'lessThanInclusive', 90)] };
    expect(zh(c)).toBe('F 购买频次至少2单且M 消费金额超过300元且近90天内购买过');
    expect(en(c)).toBe('F: frequency at least 2 orders and M: monetary over ¥300 and bought in the last 90 days');
    const nested = {
      all: [rule('orderCount', 'greaterThanInclusive', 2), { any: [rule('tier', 'in', ['vip', 'supreme']), rule('tags', 'hasTag', '油性肤质')] }],
    };
    expect(zh(nested)).toBe('累计购买次数至少2单且（会员等级为VIP会员或至尊VIP会员或有标签“油性肤质”）');
    expect(en(nested)).toBe('Orders (lifetime) at least 2 orders and (member tier is VIP or Supreme VIP or has tag "油性肤质")');
  });

  it('reads not around a rule and around a group, and empty groups', () => {
    expect(zh({ not: rule('tags', 'hasTag', '价格敏感') })).toBe('并非有标签“价格敏感”');
    expect(en({ not: { any: [rule('lifecycleStage', 'equal', 'lost'), rule('recencyDays', 'greaterThan', 90)] } })).toBe(
      'Not (lifecycle stage is Lost or no purchase for more than 90 days)',
    );
    expect(zh({ any: [{ not: { all: [rule('orderCount', 'equal', 1), rule('orderAmount', 'lessThan', 10)] } }, { all: [] }] })).toBe(
      '并非（累计购买次数为1单且订单金额少于10元）或总是满足',
    );
    expect(zh({ all: [] })).toBe('总是满足');
    expect(en(undefined)).toBe('Always');
  });

  it('words every operator', () => {
    const cases: [ReturnType<typeof rule>, string, string][] = [
      [rule('totalSpend', 'greaterThanInclusive', 300), '累计消费金额至少300元', 'total spend at least ¥300'],
      [rule('totalSpend', 'greaterThan', 300), '累计消费金额超过300元', 'total spend over ¥300'],
      [rule('aov', 'lessThan', 50), '客单价少于50元', 'average order value under ¥50'],
      [rule('orderCount', 'lessThanInclusive', 1), '累计购买次数不超过1单', 'orders (lifetime) at most 1 order'],
      [rule('orderCount', 'equal', 0), '累计购买次数为0单', 'orders (lifetime) is 0 orders'],
      [rule('orderCount', 'notEqual', 3), '累计购买次数不为3单', 'orders (lifetime) is not 3 orders'],
      [rule('lifecycleStage', 'in', ['active', 'silent']), '生命周期阶段为活跃或沉默', 'lifecycle stage is Active or Silent'],
      [rule('tier', 'notIn', ['vip', 'supreme']), '会员等级不为VIP会员或至尊VIP会员', 'member tier is neither VIP nor Supreme VIP'],
      [rule('tier', 'notIn', ['vip']), '会员等级不为VIP会员', 'member tier is not VIP'],
      [rule('tags', 'contains', '复购'), '有标签“复购”', 'has tag "复购"'],
      [rule('tags', 'doesNotContain', '复购'), '没有标签“复购”', 'does not have tag "复购"'],
      [rule('tags', 'hasTag', '复购'), '有标签“复购”', 'has tag "复购"'],
      [rule('tags', 'hasAnyTag', ['a', 'b', 'c']), '有标签“a”、“b”或“c”', 'has tag "a", "b" or "c"'],
      [rule('tier', 'tierAtLeast', 'senior'), '会员等级不低于高级会员', 'member tier at least Senior'],
      [rule('customer', 'includesText', '上海', '$.region'), '地区含有文字“上海”', 'region includes "上海"'],
      [rule('lastOrderAt', 'exists', false), '没有最近购买时间', 'no last purchase'],
      [rule('firstOrderAt', 'exists', true), '有首次购买时间', 'has first purchase'],
      [rule('event', 'equal', 'order.paid', '$.type'), '事件类型为“order.paid”', 'event type is "order.paid"'],
      [rule('event', 'greaterThanInclusive', 500, '$.data.amount'), '订单金额至少500元', 'order amount at least ¥500'],
      [rule('event', 'equal', 'tmall', '$.data.channel'), '触发事件 $.data.channel为“tmall”', 'triggering event $.data.channel is "tmall"'],
      [rule('rfm', 'equal', 'champions', '$.segment'), '分群为重要价值客户', 'segment is Champions'],
      [rule('recencyDays', 'greaterThanInclusive', 30), '至少30天未购买', 'no purchase for at least 30 days'],
      [rule('recencyDays', 'lessThan', 7), '不到7天前购买过', 'bought less than 7 days ago'],
      [rule('daysToBirthday', 'equal', 0), '今天过生日', 'birthday today'],
      [rule('daysToBirthday', 'lessThanInclusive', 7), '7天内过生日', 'birthday within 7 days'],
      [rule('lastOrderAt', 'dateOnOrAfter', '2026-06-01T00:00:00+08:00'), '最近购买时间在2026-06-01或之后', 'last purchase on or after 2026-06-01'],
      [rule('firstOrderAt', 'dateBefore', '2025-01-01T00:00:00+08:00'), '首次购买时间早于2025-01-01', 'first purchase before 2025-01-01'],
      [rule('orderCount', 'matches', 2), '累计购买次数matches2', 'orders (lifetime) matches 2'],
    ];
    for (const [leaf, zhText, enText] of cases) {
      expect(ruleWords(leaf, factCatalog, 'zh-CN')).toBe(zhText);
      expect(ruleWords(leaf, factCatalog, 'en')).toBe(enText);
    }
  });

  it('names operators for what they compare', () => {
    expect(operatorLabel('greaterThanInclusive', 'number', 'zh-CN')).toBe('大于等于');
    expect(operatorLabel('contains', 'tags', 'zh-CN')).toBe('包含标签');
    expect(operatorLabel('hasTag', 'tags', 'en')).toBe('has tag');
    expect(operatorLabel('equal', 'choice', 'zh-CN', 'lifecycleStage')).toBe('处于阶段');
    expect(operatorLabel('in', 'choice', 'en', 'lifecycleStage')).toBe('is in one of the stages');
    expect(operatorLabel('equal', 'choice', 'zh-CN', 'tier')).toBe('是');
    expect(operatorLabel('madeUp', 'any', 'en')).toBe('madeUp');
  });
});
