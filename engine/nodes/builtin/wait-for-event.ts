import { z } from 'zod';
import { durationSchema, durationToMs } from '../../journey/duration';
import { topLevelConditionSchema } from '../../rules/conditions';
import { defineNode } from '../define';

export const waitForEvent = defineNode({
  type: 'wait.event',
  version: 1,
  category: 'wait',
  labels: {
    'zh-CN': {
      title: '等待事件',
      description: '等待客户发生某个事件（如付款），超时则走“超时”分支。',
      ports: { event: '发生了', timeout: '超时' },
    },
    en: {
      title: 'Wait for event',
      description: 'Waits for the customer to do something (e.g. pay); takes the timeout branch if they do not in time.',
      ports: { event: 'happened', timeout: 'timed out' },
    },
  },
  config: z.object({
    eventType: z.string().min(1, 'choose the event to wait for').default('order.paid').meta({ title: 'Event type', examples: ['order.paid'] }),
    timeout: durationSchema.default('PT25M').meta({ title: 'Timeout', description: 'How long to wait for the event before taking the “timed out” branch' }),
    sameOrder: z.boolean().default(true).meta({ title: 'Same order as the entry event', description: 'Only an event about the order that started the journey counts.' }),
    condition: topLevelConditionSchema.optional().meta({ title: 'Only when' }),
  }),
  ports: () => ['event', 'timeout'],
  conditions: (c) => (c.condition ? [{ condition: c.condition, path: ['condition'] }] : []),
  behaviour: {
    kind: 'waitForEvent',
    wait: (c) => ({ eventType: c.eventType, timeoutMs: durationToMs(c.timeout), sameOrder: c.sameOrder, condition: c.condition }),
  },
});
