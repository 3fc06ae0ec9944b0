import { z } from 'zod';
import { templateView } from '../../facts/decision-facts';
import { renderTemplate } from '../../templates/render';
import { templateField } from '../../templates/field';
import { assigneeAttributeSchema, chooseAssignee, taskRecipient, wecomUserIdSchema } from '../../channels/task-assignee';
import { defineNode } from '../define';
import { field } from '../field';

const priorities = ['low', 'normal', 'high', 'urgent'] as const;

/**
 * A to-do for the shop's staff, e.g. the phone-call list for high-value unpaid orders. It is kept
 * in the outbox (channel `task`, status `open`, the queue as its recipient) like message.send's
 * task channel, so staff tools read one list.
 */
export const taskCreate = defineNode({
  type: 'task.create',
  version: 1,
  category: 'action',
  labels: {
    'zh-CN': { title: '创建客服任务', description: '给客服建一个待办（如电话催付），进入所选队列。', ports: { next: '之后' } },
    en: { title: 'Create staff task', description: 'Creates a to-do for staff (e.g. a phone call) in a queue.', ports: { next: 'then' } },
  },
  config: z.object({
    title: templateField(200, 'give the task a title')
      .default('电话催付 {{order.id}}')
      .meta(field({ en: { title: 'Title' }, 'zh-CN': { title: '标题' } })),
    note: templateField(2000, 'write the note')
      .default('{{customer.name}} 的订单 {{order.id}}（¥{{order.amount}}）还未付款，请致电提醒。')
      .meta(field({ en: { title: 'Note', description: 'Variables as in messages' }, 'zh-CN': { title: '任务说明', description: '可用变量同消息' } })),
    queue: z
      .string()
      .min(1, 'name the queue')
      .max(100, 'must be at most 100 characters')
      .regex(/^[A-Za-z0-9_-]+$/, 'may use only letters, digits, "-" and "_"')
      .default('staff')
      .meta(
        field({
          en: { title: 'Queue', description: 'Which staff list the task goes to, e.g. phone-calls' },
          'zh-CN': { title: '任务队列', description: '任务进入哪个客服列表，如 phone-calls' },
        }),
      ),
    priority: z
      .enum(priorities, { error: `must be one of ${priorities.join(', ')}` })
      .default('normal')
      .meta(field({ en: { title: 'Priority' }, 'zh-CN': { title: '优先级', enum: { low: '低', normal: '普通', high: '高', urgent: '紧急' } } })),
    // Optional and without defaults, so stored journeys parse to the config they had.
    assignee: wecomUserIdSchema.optional().meta(
      field({
        en: {
          title: 'Assignee (WeCom userid)',
          description: "The staff member's WeCom account the task is sent to; with an owner attribute, who takes it when the customer has no owner",
        },
        'zh-CN': {
          title: '负责人（企业微信账号）',
          description: '任务发给哪位员工的企业微信账号（userid）；设置了“专属客服属性”时，客户没有专属客服则发给此人',
        },
      }),
    ),
    assigneeAttribute: assigneeAttributeSchema.optional().meta(
      field({
        en: { title: 'Owner attribute', description: "The customer's attribute holding their own staff member's WeCom userid, e.g. owner" },
        'zh-CN': { title: '专属客服属性', description: '客户的哪个属性存放其专属客服的企业微信账号，如 owner 或 专属客服' },
      }),
    ),
  }),
  ports: () => ['next'],
  sends: () => 'task',
  run: async (c, ctx) => {
    const view = templateView({ event: ctx.event, customer: ctx.customer, coupon: ctx.coupon });
    const title = renderTemplate(c.title, view, { html: false });
    const sent = await ctx.services.dispatchMessage({
      idempotencyKey: ctx.idempotencyKey,
      channel: 'task',
      recipient: taskRecipient(c.queue, chooseAssignee(c, ctx.customer)),
      // The outbox has no priority column; staff lists sort on the bracketed prefix.
      subject: c.priority === 'normal' ? title : `[${c.priority}] ${title}`,
      text: renderTemplate(c.note, view, { html: false }),
      journeyId: ctx.journeyId,
      journeyVersion: ctx.journeyVersion,
      nodeId: ctx.nodeId,
      customerId: ctx.customer.id,
    });
    return { summary: `task ${sent.duplicate ? 'already created' : 'created'} in ${c.queue} (${sent.messageId})` };
  },
});
