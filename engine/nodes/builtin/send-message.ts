import { z } from 'zod';
import { templateView } from '../../facts/decision-facts';
import { templateField } from '../../templates/field';
import { renderTemplate, templateProblem } from '../../templates/render';
import { channelNames, messageSendChannels } from '../../channels/builtin';
import { assigneeFields } from '../../channels/task-assignee-fields';
import { chooseAssignee, taskRecipient } from '../../channels/task-assignee';
import { quietHoursChoices } from '../../guardrails/quiet-hours';
import { defineNode } from '../define';
import { field } from '../field';

const channels = messageSendChannels;

const templateSchema = templateField(2000, 'write the message');

/** A registered provider template and, for each of its variables, a template over customer/order/coupon data. */
const smsTemplateChoice = z.object({
  code: z.string().trim().min(1, 'choose a template').max(64),
  variables: z
    .record(z.string().regex(/^(?:[A-Za-z_][A-Za-z0-9_]{0,31}|\d{1,2})$/, 'not a template variable'), templateField(200, 'fill the variable'))
    .default({}),
});

export const sendMessage = defineNode({
  type: 'message.send',
  version: 1,
  category: 'action',
  labels: {
    'zh-CN': { title: '发送消息', description: '发短信、邮件，或给客服建一个任务（如电话催付）。', ports: { next: '之后' } },
    en: { title: 'Send message', description: 'Sends an SMS or email, or creates a staff task (e.g. a phone call).', ports: { next: 'then' } },
  },
  config: z.object({
    channel: z
      .enum(channels)
      .default('sms')
      .meta(
        field({
          en: { title: 'Channel', description: 'sms, email, or task (a to-do for staff)' },
          'zh-CN': { title: '渠道', description: '短信、邮件或客服任务', enum: channelNames(channels, 'zh-CN') },
        }),
      ),
    // Rendered like the message: a subject that does not parse would fail the send (and a simulation).
    subject: z
      .string()
      .max(200)
      .superRefine((t, ctx) => {
        const problem = templateProblem(t);
        if (problem) ctx.addIssue({ code: 'custom', message: `the template does not parse: ${problem}` });
      })
      .optional()
      .meta(field({ en: { title: 'Subject (email and task)' }, 'zh-CN': { title: '标题（邮件和任务）' } })),
    template: templateSchema.default('亲爱的{{customer.name}}，您的订单{{order.id}}还未付款哦。').meta(
      field({
        en: {
          title: 'Message',
          description:
            'Variables: {{customer.name}}, {{order.id}}, {{order.amount}}, {{coupon.code}}, {{coupon.amount}}, {{coupon.expiresOn}} (date), {{coupon.expiresAt}} (instant)',
        },
        'zh-CN': { title: '消息内容', description: '用“插入变量”放入客户姓名、订单号等；下方预览按示例客户显示。' },
      }),
    ),
    // Absent in journeys made before providers: free text, as before.
    smsTemplate: smsTemplateChoice.optional().meta({
      // The designer's template picker (designer/src/editor/message/SmsTemplateField.tsx).
      format: 'sms-template',
      ...field({
        en: {
          title: 'Provider template (SMS)',
          description: "Aliyun and Tencent send only the shop's approved templates (settings sms.templates): choose one and fill each variable",
        },
        'zh-CN': { title: '短信模板（服务商）', description: '阿里云、腾讯云只发送已审核的模板（设置 sms.templates）：选一个模板，并为每个变量填写内容' },
      }),
    }),
    transactional: z
      .boolean()
      .default(false)
      .meta(
        field({
          en: {
            title: 'Transactional',
            description: 'A message the customer expects about their order (payment, shipping): not held by quiet hours, not counted by frequency caps.',
          },
          'zh-CN': { title: '交易类消息', description: '客户预期会收到的订单消息（催付、发货）：不受夜间免打扰和频次限制。' },
        }),
      ),
    quietHours: z
      .enum(quietHoursChoices)
      .default('shop')
      .meta(
        field({
          en: { title: 'Quiet hours', description: "shop: the shop's setting; hold: send when they end; skip: do not send; ignore: send anyway" },
          'zh-CN': {
            title: '夜间免打扰',
            description: '按店铺设置，或本步骤单独指定',
            enum: { shop: '按店铺设置', hold: '顺延到免打扰结束', skip: '免打扰时不发', ignore: '忽略免打扰' },
          },
        }),
      ),
    // Staff tasks only: who in WeCom gets it.
    ...assigneeFields,
  }),
  ports: () => ['next'],
  sends: (c) => c.channel,
  run: async (c, ctx) => {
    const view = templateView({ event: ctx.event, customer: ctx.customer, coupon: ctx.coupon });
    const recipient = c.channel === 'task' ? taskRecipient('staff', chooseAssignee(c, ctx.customer)) : recipientFor(c.channel, ctx.customer);
    const sent = await ctx.services.dispatchMessage({
      idempotencyKey: ctx.idempotencyKey,
      channel: c.channel,
      recipient,
      subject: c.subject === undefined ? undefined : renderTemplate(c.subject, view, { html: false }),
      ...messageBody(c, view),
      journeyId: ctx.journeyId,
      journeyVersion: ctx.journeyVersion,
      nodeId: ctx.nodeId,
      customerId: ctx.customer.id,
      guard:
        c.channel === 'task' || c.transactional
          ? undefined
          : {
              category: 'marketing',
              priority: ctx.priority,
              sendRate: ctx.sendRate,
              quietHours: c.quietHours,
              timezone: typeof ctx.customer.timezone === 'string' && ctx.customer.timezone ? ctx.customer.timezone : undefined,
            },
    });
    return { summary: `${c.channel} ${sent.duplicate ? 'already sent' : (sent.status ?? 'queued')} (${sent.messageId})` };
  },
});

/**
 * The text, or for an SMS on a provider template its values (`smsTemplate`) and a text saying the
 * same for the outbox's readers: `SMS_154950909 order=1001 name=王芳`.
 */
function messageBody(
  c: { channel: (typeof channels)[number]; template: string; smsTemplate?: { code: string; variables: Record<string, string> } | undefined },
  view: Record<string, unknown>,
): { text: string; smsTemplate?: { code: string; params: Record<string, string> } } {
  if (c.channel !== 'sms' || !c.smsTemplate) return { text: renderTemplate(c.template, view, { html: c.channel === 'email' }) };
  const params = Object.fromEntries(Object.entries(c.smsTemplate.variables).map(([name, t]) => [name, renderTemplate(t, view, { html: false })]));
  const text = [c.smsTemplate.code, ...Object.entries(params).map(([name, v]) => `${name}=${v}`)].join(' ');
  return { text, smsTemplate: { code: c.smsTemplate.code, params } };
}

/** The customer's address on the channel. (A task goes to the staff queue and its assignee instead, naming the customer by id.) */
function recipientFor(channel: 'sms' | 'email', customer: Record<string, unknown>): string | null {
  const pick = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : null);
  return pick(channel === 'sms' ? customer.phone : customer.email);
}
