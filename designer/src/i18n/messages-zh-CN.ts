import type { Messages } from './en';

/** 发送记录页的界面文字（与英文逐键对应）。 */
export const messagesZhCN: Messages['messages'] = {
  title: '发送记录',
  help: '旅程已发送或排队的消息，最新的在前，每隔几秒自动刷新。未配置短信网关或邮件服务器时，消息写入本地发送日志文件。',
  refresh: '刷新',
  empty: '还没有消息。发布一个旅程，然后在上方发送一个测试事件。',
  failed: '无法加载消息：{{message}}',
  col: { time: '时间', journey: '旅程 · 步骤', channel: '渠道', recipient: '接收人', text: '内容', status: '状态' },
  channel: { sms: '短信', email: '邮件', task: '人工任务', webhook: 'Webhook', dingtalk: '钉钉' },
  status: {
    queued: '排队中',
    sending: '发送中',
    sent: '已发送',
    failed: '发送失败',
    open: '待处理',
    capped: '已限频',
    skipped_quiet_hours: '已跳过（免打扰时段）',
    skipped_no_recipient: '已跳过（无联系方式）',
  },
  eventType: {
    order_created: '下单',
    order_paid: '付款',
    order_shipped: '发货',
    order_delivered: '签收',
    order_closed: '订单关闭',
    order_refunded: '退款',
  },
  test: {
    title: '发送测试事件',
    help: '像店铺系统一样提交一个订单事件，已发布的旅程会为这位测试客户开始运行。填写手机号即可收到短信。',
    type: '事件',
    customerId: '客户编号',
    name: '姓名',
    namePlaceholder: '例如 王芳',
    phone: '手机号',
    orderId: '订单号',
    newOrder: '新订单号',
    amount: '金额（元）',
    send: '发送事件',
    sent: '事件 {{type}} 已保存（{{id}}），匹配的旅程将在几秒内开始。',
  },
};
