import { z } from 'zod';
import { templateView } from '../../facts/decision-facts';
import { renderTemplate } from '../../templates/render';
import { templateField } from '../../templates/field';
import { chooseAssignee, taskRecipient } from '../../channels/task-assignee';
import { assigneeFields } from '../../channels/task-assignee-fields';
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
    ...assigneeFields,
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
