import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { defineAction, defineChannel, field, renderTemplate, templateProblem, templateView } from '../../engine/index';

/**
 * A message to a DingTalk group through a custom robot (自定义机器人): the staff group hears that
 * a big order is unpaid, a VIP complained, … The robot's webhook carries its access token; a
 * robot with "加签" (signing) also has a secret, and each request is signed with it.
 * https://open.dingtalk.com/document/robots/custom-robot-access
 */

/** The robot's security settings refused the message (wrong signature, keyword, IP): retrying cannot help. */
export class DingTalkRejected extends Error {
  override name = 'DingTalkRejected';
}

/** DingTalk answered with an error (e.g. 130101, sending too fast): worth retrying. */
export class DingTalkError extends Error {
  override name = 'DingTalkError';
}

/** errcode 310000: signature, keyword or IP address not accepted by the robot's security settings. */
const REJECTED = 310000;

const template = z
  .string()
  .min(1, 'write the message')
  .max(4000, 'must be at most 4000 characters')
  .superRefine((t, ctx) => {
    const problem = templateProblem(t);
    if (problem) ctx.addIssue({ code: 'custom', message: `the template does not parse: ${problem}` });
  })
  // The designer's message editor (variable picker, live preview) for this field.
  .meta({ format: 'template' });

const config = z.object({
  webhook: z
    .url({ protocol: /^https?$/, message: 'must be the robot webhook address, https://oapi.dingtalk.com/robot/send?access_token=…' })
    .refine((u) => URL.canParse(u) && new URL(u).searchParams.has('access_token'), {
      message: 'must contain the robot access_token (copy the whole webhook address)',
    })
    .meta(
      field({
        en: { title: 'Webhook', description: 'The robot webhook address, with its access_token' },
        'zh-CN': { title: 'Webhook 地址', description: '机器人的 Webhook 地址（含 access_token）' },
      }),
    ),
  secret: z
    .string()
    .max(200)
    .optional()
    .meta(
      field({
        en: { title: 'Signing secret (加签)', description: 'When the robot uses signing: the secret beginning with SEC' },
        'zh-CN': { title: '加签密钥', description: '机器人开启“加签”时填写，以 SEC 开头' },
      }),
    ),
  msgtype: z
    .enum(['text', 'markdown'])
    .default('text')
    .meta(
      field({
        en: { title: 'Format', description: 'text, or markdown (with a title)' },
        'zh-CN': { title: '消息格式', description: '文本，或 Markdown（需要标题）', enum: { text: '文本', markdown: 'Markdown' } },
      }),
    ),
  title: z
    .string()
    .max(100)
    .optional()
    .meta(
      field({
        en: { title: 'Title (markdown)', description: 'Shown in the chat list' },
        'zh-CN': { title: '标题（Markdown）', description: '显示在会话列表中' },
      }),
    ),
  content: template.default('客户 {{customer.name}} 的订单 {{order.id}}（¥{{order.amount}}）还未付款，请跟进。').meta(
    field({
      en: { title: 'Message', description: 'Variables: {{customer.name}}, {{order.id}}, {{order.amount}}' },
      'zh-CN': { title: '消息内容', description: '可用变量：{{customer.name}}、{{order.id}}、{{order.amount}}' },
    }),
  ),
  atAll: z
    .boolean()
    .default(false)
    .meta(field({ en: { title: '@all', description: 'Notify everyone in the group' }, 'zh-CN': { title: '@所有人', description: '提醒群里所有人' } })),
});

/** DingTalk group messages, beside the built-in channels: named in summaries and on the messages page. */
const dingtalkChannel = defineChannel({
  key: 'dingtalk',
  order: 100,
  // The shop's frequency caps count messages to customers; a robot talks to the shop's own staff.
  cappable: false,
  preview: 'text',
  labels: {
    'zh-CN': {
      name: '钉钉',
      description: '通过自定义机器人发到钉钉群的消息（给店铺员工）。',
      plural: '钉钉消息',
      count: { one: '{n} 条钉钉消息', other: '{n} 条钉钉消息' },
    },
    en: {
      name: 'DingTalk',
      description: "A message to a DingTalk group through its custom robot (for the shop's staff).",
      plural: 'DingTalk messages',
      count: { one: '{n} DingTalk message', other: '{n} DingTalk messages' },
    },
  },
});

/** DingTalk's signature: base64(HMAC-SHA256(key = secret, `${timestamp}\n${secret}`)). */
export function dingTalkSign(timestamp: number, secret: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
}

/** The webhook with `timestamp` and `sign` added when the robot signs. */
export function signedWebhook(webhook: string, secret: string | undefined, now: number): string {
  if (!secret) return webhook;
  const url = new URL(webhook);
  url.searchParams.set('timestamp', String(now));
  url.searchParams.set('sign', dingTalkSign(now, secret));
  return url.toString();
}

export default defineAction({
  type: 'dingtalk.robot',
  version: 1,
  category: 'action',
  icon: '🤖',
  labels: {
    'zh-CN': { title: '钉钉群机器人', description: '通过钉钉自定义机器人往群里发一条消息（文本或 Markdown）。', ports: { next: '之后' } },
    en: {
      title: 'DingTalk group robot',
      description: 'Posts a message (text or markdown) to a DingTalk group through its custom robot.',
      ports: { next: 'then' },
    },
  },
  config,
  // Counted as DingTalk messages in the journey summary; the channel joins the built-in ones.
  sends: () => 'dingtalk',
  channels: [dingtalkChannel],
  // DingTalk limits a robot to 20 messages a minute; a few spaced retries ride out a burst.
  activity: {
    startToCloseTimeout: 'PT20S',
    retry: {
      maximumAttempts: 5,
      initialInterval: 'PT5S',
      backoffCoefficient: 2,
      maximumInterval: 'PT1M',
      nonRetryableErrorTypes: ['DingTalkRejected', 'OutboundRefused'],
    },
  },
  async run(config, ctx) {
    const view = templateView({ event: ctx.event, customer: ctx.customer });
    const content = renderTemplate(config.content, view, { html: false });
    const body =
      config.msgtype === 'markdown'
        ? {
            msgtype: 'markdown',
            markdown: { title: config.title ? renderTemplate(config.title, view, { html: false }) : content.slice(0, 30), text: content },
            at: { isAtAll: config.atAll },
          }
        : { msgtype: 'text', text: { content }, at: { isAtAll: config.atAll } };
    const res = await ctx.services.http.postJson(signedWebhook(config.webhook, config.secret, Date.now()), body);
    // DingTalk answers 200 with { errcode, errmsg }; errcode 0 is success.
    let answer: { errcode?: unknown; errmsg?: unknown };
    try {
      answer = JSON.parse(res.body) as typeof answer;
    } catch {
      throw new DingTalkError(`DingTalk answered ${res.status} with a body that is not JSON`);
    }
    if (answer.errcode !== 0) {
      const message = `DingTalk refused the message: errcode ${String(answer.errcode)} (${String(answer.errmsg)})`;
      throw answer.errcode === REJECTED ? new DingTalkRejected(message) : new DingTalkError(message);
    }
    return { summary: `dingtalk ${config.msgtype} sent` };
  },
});
