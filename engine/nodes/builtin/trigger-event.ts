import { z } from 'zod';
import { orderIdOf } from '../../events/schema';
import { decisionFacts } from '../../facts/decision-facts';
import { topLevelConditionSchema } from '../../rules/conditions';
import { evaluateCondition } from '../../rules/evaluate';
import { defineNode } from '../define';
import { field } from '../field';

export const eventTrigger = defineNode({
  type: 'trigger.event',
  version: 1,
  category: 'trigger',
  labels: {
    'zh-CN': { title: '事件触发', description: '客户发生某个事件（如下单）且满足条件时进入旅程。', ports: { next: '进入' } },
    en: { title: 'Event trigger', description: 'Enrols a customer when an event (e.g. an order) happens and matches the filter.', ports: { next: 'enter' } },
  },
  config: z.object({
    eventType: z
      .string()
      .min(1, 'choose the event that starts the journey')
      .default('order.created')
      .meta({ ...field({ en: { title: 'Event type' }, 'zh-CN': { title: '事件类型' } }), examples: ['order.created', 'order.paid'] }),
    perOrder: z
      .boolean()
      .default(true)
      .meta(
        field({
          en: { title: 'One enrolment per order', description: 'Each order enrols the customer once (payment reminders); otherwise once per customer.' },
          'zh-CN': { title: '每个订单只进入一次', description: '每个订单让客户进入一次（催付场景）；否则每个客户只进入一次。' },
        }),
      ),
    // Checked against the event alone (decision facts with only the customer's id): customer data would never match.
    condition: topLevelConditionSchema.optional().meta(field({ en: { title: 'Only when' }, 'zh-CN': { title: '仅当' }, facts: ['event', 'orderAmount'] })),
  }),
  ports: () => ['next'],
  conditions: (c) => (c.condition ? [{ condition: c.condition, path: ['condition'] }] : []),
  behaviour: {
    kind: 'trigger',
    eventType: (c) => c.eventType,
    accepts: async (c, event) =>
      event.type === c.eventType && (!c.condition || (await evaluateCondition(c.condition, decisionFacts({ event, customer: { id: event.customerId } })))),
    entryKey: (c, event) => (c.perOrder ? orderIdOf(event) : undefined),
  },
});
