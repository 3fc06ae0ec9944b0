import { defineChannel, type ChannelDefinition } from './define';

/** The channels Huitou ships; plugins add theirs with the steps that send on them (NodeDefinition.channels). */
export const builtinChannels: readonly ChannelDefinition[] = [
  defineChannel({
    key: 'sms',
    order: 10,
    cappable: true,
    preview: 'sms',
    labels: {
      'zh-CN': { name: '短信', description: '发到客户手机号的短信，按 70 字一条计费。', count: { one: '{n} 条短信', other: '{n} 条短信' } },
      en: {
        name: 'SMS',
        description: "A text message to the customer's phone number, billed per 70-character part.",
        count: { one: '{n} SMS', other: '{n} SMS' },
      },
    },
  }),
  defineChannel({
    key: 'email',
    order: 20,
    cappable: true,
    preview: 'email',
    labels: {
      'zh-CN': { name: '邮件', description: '发到客户邮箱的邮件（HTML）。', count: { one: '{n} 封邮件', other: '{n} 封邮件' } },
      en: { name: 'Email', description: "An email (HTML) to the customer's address.", plural: 'email', count: { one: '{n} email', other: '{n} emails' } },
    },
  }),
  defineChannel({
    key: 'task',
    order: 30,
    cappable: false,
    preview: 'task',
    labels: {
      'zh-CN': { name: '客服任务', description: '给店铺客服的待办（如电话催付），不发给客户。', count: { one: '{n} 个客服任务', other: '{n} 个客服任务' } },
      en: {
        name: 'Staff task',
        description: "A to-do for the shop's staff (e.g. a phone call); nothing goes to the customer.",
        plural: 'staff tasks',
        count: { one: '{n} staff task', other: '{n} staff tasks' },
      },
    },
  }),
  defineChannel({
    key: 'webhook',
    order: 40,
    cappable: true,
    preview: 'json',
    labels: {
      'zh-CN': {
        name: 'Webhook',
        description: '向一个地址 POST JSON（机器人或店铺自己的系统）。',
        count: { one: '{n} 次 Webhook 调用', other: '{n} 次 Webhook 调用' },
      },
      en: {
        name: 'Webhook',
        description: "JSON posted to an address (a robot or the shop's own system).",
        plural: 'webhook calls',
        count: { one: '{n} webhook call', other: '{n} webhook calls' },
      },
    },
  }),
];

/** The channels message.send sends on (its channel choice). */
export const messageSendChannels = ['sms', 'email', 'task'] as const;

/** Built-in channels a shop's frequency caps may count (guardrail settings validate a cap's channel against them). */
export const cappableBuiltinChannels: readonly [string, ...string[]] = (() => {
  const [first, ...rest] = builtinChannels.filter((c) => c.cappable).map((c) => c.key);
  if (first === undefined) throw new Error('no built-in channel can be capped');
  return [first, ...rest];
})();

for (const key of messageSendChannels) {
  if (!builtinChannels.some((c) => c.key === key)) throw new Error(`message.send channel "${key}" is not a registered channel`);
}

/** A channel's names in `locale` by key, e.g. { sms: '短信' }: a choice's value names. */
export function channelNames(keys: readonly string[], locale: 'zh-CN' | 'en'): Record<string, string> {
  return Object.fromEntries(keys.map((k) => [k, builtinChannels.find((c) => c.key === k)?.labels[locale].name ?? k]));
}
