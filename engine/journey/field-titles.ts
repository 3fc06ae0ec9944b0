import type { Locale } from '../nodes/define';

/**
 * Chinese names of the fields problems are reported on that belong to no step: the journey
 * document's, its settings' and events', and requests'. A step's config fields declare their
 * texts in the step's own file (engine/nodes/field.ts); this table names them only where a
 * step's field declares none (a list item inside a step's field, a condition's rule).
 */
const zhCNFieldNames: Record<string, string> = {
  document: '文档',
  id: '编号',
  name: '名称',
  description: '说明',
  type: '类型',
  nodes: '步骤',
  edges: '连线',
  port: '出口',
  settings: '设置',
  timezone: '时区',
  priority: '优先级',
  urgent: '紧急',
  within: '期限',
  reEntry: '再次进入',
  reEntryCooldown: '冷却时长',
  sendRate: '发送速率',
  max: '最多',
  per: '每',
  exitWhen: '退出条件',
  goal: '转化目标',
  customerId: '客户编号',
  occurredAt: '发生时间',
  data: '事件数据',
  orderId: '订单号',
  amount: '金额',
  discount: '优惠金额',
  productIds: '商品',
  couponCodes: '券码',
  customer: '客户',
  phone: '手机号',
  email: '邮箱',
  birthday: '生日',
  region: '地区',
  attributes: '属性',
  fact: '客户数据',
  operator: '比较方式',
  value: '值',
  campaignId: '券活动',
  tags: '标签',
  tier: '会员等级',
  title: '标题',
  template: '模板',
  eventDate: '活动日期',
  locale: '语言',
  // A simulation's request (POST /api/simulate).
  events: '事件',
  from: '开始时间',
  until: '结束时间',
};

/** A field named for a marketer: its name in `locale` where one is known, else its key. */
export function fieldTitle(field: string, locale: Locale): string {
  if (locale !== 'zh-CN') return field;
  return zhCNFieldNames[field] ?? field;
}

/** `超时（ISO 8601）` → `超时`: notes on the format belong to the form, not to a problem's wording. */
export function plainTitle(title: string): string {
  return title.replace(/（[^）]*）$/, '');
}
