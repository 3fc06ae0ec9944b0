import type { Messages } from './en';

export const messageEditorZhCN: Messages['messageEditor'] = {
  variables: '插入变量',
  variablesLabel: '消息中可用的变量',
  group: { customer: '客户', order: '订单', coupon: '优惠券', event: '事件' },
  preview: '预览',
  previewWith: '使用',
  sampleCustomer: '示例客户',
  realCustomer: '按编号选客户',
  customerId: '客户编号',
  customerIdPlaceholder: '例如 c-1001',
  previewing: '正在生成预览…',
  sms_one: '{{count}} 条短信 / {{length}} 字',
  sms_other: '{{count}} 条短信 / {{length}} 字',
  smsWarning: '将拆成 {{count}} 条发送，每条最多 {{per}} 字（{{encoding}}）：按条计费，部分手机会分开显示。',
  characters: '{{length}} 字',
  unknownVariables: '这些变量没有值：{{names}}',
  templateError: '模板写法有误：{{message}}',
  previewFailed: '无法预览：{{message}}',
  empty: '写下消息内容后在这里预览。',
};

export const guardrailsZhCN: Messages['guardrails'] = {
  title: '发送规则',
  quiet: {
    hold: '夜间免打扰 {{from}}–{{to}}：顺延到结束后发送',
    skip: '夜间免打扰 {{from}}–{{to}}：不发送',
    ignore: '忽略夜间免打扰 {{from}}–{{to}}',
    none: '店铺未设夜间免打扰',
    transactional: '交易类消息：不受免打扰和频次限制',
    task: '客服任务：不受免打扰和频次限制',
  },
  quietShort: { hold: '夜间免打扰：顺延', skip: '夜间免打扰：不发', ignore: '忽略免打扰', transactional: '交易类，不受免打扰' },
  cap: '每人每{{within}}最多{{max}}条{{channel}}',
  noCaps: '此渠道没有频次限制',
  settingsWhere: '由管理员在“店铺设置”页修改。',
  settingsHelp: '夜间免打扰和频次限制是店铺设置，对所有旅程生效。',
};

export const inputsZhCN: Messages['inputs'] = {
  duration: { amount: '数量', unit: '单位', units: { minutes: '分钟', hours: '小时', days: '天' }, raw: '保留原值：{{value}}' },
  weekdays: { 1: '一', 2: '二', 3: '三', 4: '四', 5: '五', 6: '六', 7: '日' },
  weekdayNames: { 1: '周一', 2: '周二', 3: '周三', 4: '周四', 5: '周五', 6: '周六', 7: '周日' },
  timeZone: { placeholder: '搜索时区，如 上海、Shanghai', common: '常用', all: '全部时区', unknown: '浏览器不认识这个时区' },
  journey: {
    title: '旅程设置',
    timezone: '时区',
    timezoneHelp: '店铺的时区：客户没有自己的时区时，等到指定时间、时间段等步骤按它计算。',
    urgent: '时效优先',
    urgentHelp: '在紧急通道运行，不会排在群发的成千上万客户之后。由客户自己的事件触发的旅程（催付、订单关怀）已自动走紧急通道。',
  },
};

/** 消息步骤的服务商短信模板（SmsTemplateField.tsx）。 */
export const smsTemplatesZhCN = {
  title: '服务商短信模板（阿里云 / 腾讯云）',
  freeText: '自由文本（仅本地输出和通用网关）',
  marketing: '营销',
  unregistered: '{{code}}（未登记）',
  none: '店铺还没有登记短信模板（设置 sms.templates）。',
  variable: '变量',
  preview: '示例客户收到的短信',
  noSignature: '【未设置签名】',
};
