import type { FactChoice, FactDefinition } from './catalog';
import { rfmSegmentLabels } from './rfm';
import { lifecycleStages, tierIds } from './settings';

const numeric = ['equal', 'notEqual', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive', 'exists'];
const choice = ['equal', 'notEqual', 'in', 'notIn', 'exists'];

const tierLabels: Record<(typeof tierIds)[number], FactChoice['labels']> = {
  ordinary: { 'zh-CN': '普通会员', en: 'Ordinary' },
  senior: { 'zh-CN': '高级会员', en: 'Senior' },
  vip: { 'zh-CN': 'VIP会员', en: 'VIP' },
  supreme: { 'zh-CN': '至尊VIP会员', en: 'Supreme VIP' },
};
export const stageLabels: Record<(typeof lifecycleStages)[number], FactChoice['labels']> = {
  active: { 'zh-CN': '活跃', en: 'Active' },
  silent: { 'zh-CN': '沉默', en: 'Silent' },
  sleeping: { 'zh-CN': '睡眠', en: 'Sleeping' },
  lost: { 'zh-CN': '流失', en: 'Lost' },
  none: { 'zh-CN': '未购买', en: 'Never bought' },
};
const tierChoices: FactChoice[] = tierIds.map((value) => ({ value, labels: tierLabels[value] }));
const stageChoices: FactChoice[] = lifecycleStages.map((value) => ({ value, labels: stageLabels[value] }));
const segmentChoices: FactChoice[] = Object.entries(rfmSegmentLabels).map(([value, labels]) => ({ value, labels }));

/** The customer facts of the CRM (docs/facts.md defines each), computed with the shop's settings. */
export const customerFactCatalog: FactDefinition[] = [
  {
    name: 'orderCount',
    type: 'number',
    unit: 'orders',
    labels: { 'zh-CN': '累计购买次数', en: 'Orders (lifetime)' },
    description: {
      'zh-CN': '已付款、已发货或已签收的订单数（不含未付款、关闭、退款）。',
      en: 'Paid, shipped or delivered orders (not unpaid, closed or refunded).',
    },
    operators: numeric,
  },
  {
    name: 'totalSpend',
    type: 'number',
    unit: 'CNY',
    labels: { 'zh-CN': '累计消费金额', en: 'Total spend' },
    description: { 'zh-CN': '计入订单的实付金额合计（元）。', en: 'Sum paid over counted orders (yuan).' },
    operators: numeric,
  },
  {
    name: 'frequency',
    type: 'number',
    unit: 'orders',
    labels: { 'zh-CN': 'F 购买频次', en: 'F: frequency' },
    description: { 'zh-CN': 'RFM 统计周期内（默认 365 天）的计入订单数。', en: 'Counted orders in the RFM window (365 days by default).' },
    operators: numeric,
  },
  {
    name: 'monetary',
    type: 'number',
    unit: 'CNY',
    labels: { 'zh-CN': 'M 消费金额', en: 'M: monetary' },
    description: { 'zh-CN': 'RFM 统计周期内的实付金额合计。', en: 'Spend in the RFM window.' },
    operators: numeric,
  },
  {
    name: 'recencyDays',
    type: 'number',
    unit: 'days',
    labels: { 'zh-CN': 'R 距上次购买天数', en: 'R: days since last purchase' },
    description: { 'zh-CN': '按店铺时区计算的自然日天数。', en: 'Whole calendar days in the shop time zone.' },
    operators: numeric,
  },
  {
    name: 'aov',
    type: 'number',
    unit: 'CNY',
    labels: { 'zh-CN': '客单价', en: 'Average order value' },
    description: { 'zh-CN': '累计消费金额 ÷ 累计购买次数。', en: 'Total spend ÷ orders.' },
    operators: numeric,
  },
  {
    name: 'firstOrderAt',
    type: 'date',
    labels: { 'zh-CN': '首次购买时间', en: 'First purchase' },
    description: { 'zh-CN': '第一笔计入订单的下单时间。', en: 'When the first counted order was placed.' },
    operators: ['dateOnOrAfter', 'dateBefore', 'exists'],
  },
  {
    name: 'lastOrderAt',
    type: 'date',
    labels: { 'zh-CN': '最近购买时间', en: 'Last purchase' },
    description: { 'zh-CN': '最近一笔计入订单的下单时间。', en: 'When the last counted order was placed.' },
    operators: ['dateOnOrAfter', 'dateBefore', 'exists'],
  },
  {
    name: 'rfm',
    type: 'object',
    labels: { 'zh-CN': 'RFM 评分', en: 'RFM scores' },
    description: { 'zh-CN': 'R、F、M 各 1–5 分及客户分群。', en: 'R, F and M scores 1–5 and the combined segment.' },
    paths: [
      { path: '$.r', type: 'number', labels: { 'zh-CN': 'R 分', en: 'R score' } },
      { path: '$.f', type: 'number', labels: { 'zh-CN': 'F 分', en: 'F score' } },
      { path: '$.m', type: 'number', labels: { 'zh-CN': 'M 分', en: 'M score' } },
      { path: '$.segment', type: 'string', labels: { 'zh-CN': '分群', en: 'Segment' }, choices: segmentChoices },
    ],
    operators: [...numeric, 'in', 'notIn'],
  },
  {
    name: 'lifecycleStage',
    type: 'string',
    labels: { 'zh-CN': '生命周期阶段', en: 'Lifecycle stage' },
    description: {
      'zh-CN': 'active 活跃 / silent 沉默 / sleeping 睡眠 / lost 流失 / none 未购买。',
      en: 'active / silent / sleeping / lost / none (never bought).',
    },
    choices: stageChoices,
    operators: choice,
  },
  {
    name: 'tier',
    type: 'string',
    labels: { 'zh-CN': '会员等级', en: 'Member tier' },
    description: { 'zh-CN': 'ordinary 普通 / senior 高级 / vip / supreme 至尊VIP；只升不降。', en: 'ordinary / senior / vip / supreme; only ever goes up.' },
    choices: tierChoices,
    operators: [...choice, 'tierAtLeast'],
  },
  {
    name: 'tags',
    type: 'array',
    labels: { 'zh-CN': '标签', en: 'Tags' },
    description: { 'zh-CN': '手动标签与自动标签规则给出的标签。', en: 'Manual tags and those tag rules give.' },
    operators: ['hasTag', 'hasAnyTag', 'contains', 'doesNotContain'],
  },
  {
    name: 'daysToBirthday',
    type: 'number',
    unit: 'days',
    labels: { 'zh-CN': '距生日天数', en: 'Days to birthday' },
    description: { 'zh-CN': '到下一个生日的天数，生日当天为 0。', en: 'Days until the next birthday; 0 on the day.' },
    operators: numeric,
  },
];
