import type { Locale } from '../nodes/define';

/**
 * Chinese titles for the config fields of the built-in steps. The API describes fields in English
 * only (configSchema titles); other languages fall back to those titles.
 */
export const zhCNFieldTexts: Record<string, { title?: string; description?: string; enum?: Record<string, string> }> = {
  eventType: { title: '事件类型' },
  perOrder: { title: '每个订单只进入一次', description: '每个订单让客户进入一次（催付场景）；否则每个客户只进入一次。' },
  condition: { title: '仅当' },
  conditions: { title: '条件' },
  duration: { title: '时长', description: '客户在这一步等待多久再进入下一步' },
  timeout: { title: '超时', description: '等待事件的最长时间，超过后走“超时”分支' },
  sameOrder: { title: '与进入事件是同一订单', description: '只有与触发旅程的订单相关的事件才算。' },
  channel: { title: '渠道', description: '短信、邮件或客服任务', enum: { sms: '短信', email: '邮件', task: '客服任务' } },
  subject: { title: '标题（邮件和任务）' },
  template: { title: '消息内容', description: '用“插入变量”放入客户姓名、订单号等；下方预览按示例客户显示。' },
  transactional: { title: '交易类消息', description: '客户预期会收到的订单消息（催付、发货）：不受夜间免打扰和频次限制。' },
  quietHours: {
    title: '夜间免打扰',
    description: '按店铺设置，或本步骤单独指定',
    enum: { shop: '按店铺设置', hold: '顺延到免打扰结束', skip: '免打扰时不发', ignore: '忽略免打扰' },
  },
  url: { title: '地址', description: 'http(s)://…（要调用的机器人或系统）' },
  headers: { title: '请求头', description: '如 Authorization' },
  body: { title: '内容（JSON）', description: '字符串里可用 {{customer.name}}、{{order.id}}、{{event.data.…}}' },
  dateTime: { title: '日期和时间', description: '按所选时区的当地时间' },
  zone: { title: '时区', description: '店铺：旅程的时区；客户：客户自己的时区（没有则用店铺的）', enum: { shop: '店铺', customer: '客户' } },
  from: { title: '开始', description: '时间段开始' },
  to: { title: '结束', description: '时间段结束；早于开始表示到第二天（如 22:00–02:00）' },
  weekdays: { title: '星期', description: '时间段开始的那一天' },
  date: {
    title: '日期',
    description: '生日、首次购买、最近购买，或客户属性',
    enum: { birthday: '生日', firstOrderAt: '首次购买', lastOrderAt: '最近购买', attribute: '客户属性' },
  },
  attribute: { title: '属性名', description: '日期选“客户属性”时：存放日期（YYYY-MM-DD 或 ISO 时间）的属性' },
  offsetDays: { title: '提前（−）或推后（+）天数', description: '-1 = 前一天，0 = 当天，7 = 一周后' },
  at: { title: '时刻', description: 'HH:mm，按客户时区（没有则用店铺的）' },
  yearly: { title: '每年', description: '每年的下一次；生日默认开启，其他日期默认关闭（已过的日期立即继续）' },
  branches: { title: '分支', description: '从上到下检查，第一个满足的分支生效' },
  arms: { title: '分组', description: '按权重分配客户' },
  holdoutPercent: { title: '对照组比例 %', description: '0–50；对照组走“对照组”出口，必须直接连到“结束”' },
};

/**
 * Chinese names of the other fields problems are reported on: the journey document's, its
 * settings' and events'. Config fields are named by the table above.
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
  queue: '任务队列',
  note: '任务说明',
  tier: '会员等级',
  audience: '受众',
  ratePerMinute: '每分钟发送人数',
  weight: '权重',
  label: '名称',
  key: '键',
  title: '标题',
  template: '模板',
  eventDate: '活动日期',
  locale: '语言',
};

/** A field named for a marketer: its title in `locale` where one is known, else its key. */
export function fieldTitle(field: string, locale: Locale): string {
  if (locale !== 'zh-CN') return field;
  return plain(zhCNFieldTexts[field]?.title) ?? zhCNFieldNames[field] ?? field;
}

/** `超时（ISO 8601）` → `超时`: notes on the format belong to the form, not to a problem's wording. */
function plain(title: string | undefined): string | undefined {
  return title?.replace(/（[^）]*）$/, '');
}
