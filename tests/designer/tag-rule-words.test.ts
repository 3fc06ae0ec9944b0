import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeRule } from '../../designer/src/tags/describe-rule';
import { en } from '../../designer/src/i18n/en';
import { zhCN } from '../../designer/src/i18n/zh-CN';

// A tag rule in words, as the tags section lists it: condition → tag, in both languages.
describe('tag rules in words', () => {
  let t: { en: TFunction; zh: TFunction };
  beforeAll(async () => {
    const i = i18next.createInstance();
    await i.init({ resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } }, lng: 'en', interpolation: { escapeValue: false } });
    t = { en: i.getFixedT('en'), zh: i.getFixedT('zh-CN') };
  });

  it('says each kind in zh-CN and en', () => {
    const cases = [
      [{ kind: 'bought-category', tag: '油性肤质', categories: ['面部护理'] }, '买过 面部护理 类目 → 油性肤质', 'Bought in the category 面部护理 → 油性肤质'],
      [{ kind: 'bought-product', tag: '面膜控', productIds: ['p1', 'p2'] }, '买过 p1或p2 → 面膜控', 'Bought p1 or p2 → 面膜控'],
      [{ kind: 'price-sensitive', tag: '价格敏感', minDiscountPct: 30 }, '多数订单折扣至少 30% → 价格敏感', 'Most orders at least 30 % off → 价格敏感'],
      [
        { kind: 'spend-in-window', tag: '高消费', minSpend: 500, days: 30 },
        '最近 30 天消费满 ¥500 → 高消费',
        'Spent at least ¥500 in the last 30 days → 高消费',
      ],
      [{ kind: 'orders-in-window', tag: '复购', minOrders: 2, days: 90 }, '最近 90 天下单至少 2 笔 → 复购', 'At least 2 orders in the last 90 days → 复购'],
      [
        { kind: 'rfm-segment', tag: '高价值', segments: ['champions', 'loyal'] },
        'RFM 分层为 重要价值客户或忠诚客户 → 高价值',
        'RFM segment Champions or Loyal → 高价值',
      ],
      [{ kind: 'stage', tag: '待唤醒', stages: ['silent'] }, '生命周期阶段为 沉默 → 待唤醒', 'Lifecycle stage Silent → 待唤醒'],
    ] as const;
    for (const [rule, zh, english] of cases) {
      expect(describeRule(rule as never, t.zh, 'zh-CN')).toBe(zh);
      expect(describeRule(rule as never, t.en, 'en')).toBe(english);
    }
  });
});
