import { z } from 'zod';
import { durationSchema, durationToMs } from '../../journey/duration';
import { topLevelConditionSchema } from '../../rules/conditions';
import { defineNode } from '../define';
import { field } from '../field';

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
    eventType: z
      .string()
      .min(1, 'choose the event to wait for')
      .default('order.paid')
      .meta({ ...field({ en: { title: 'Event type' }, 'zh-CN': { title: '事件类型' } }), examples: ['order.paid'] }),
    timeout: durationSchema.default('PT25M').meta(
      field({
        en: { title: 'Timeout', description: 'How long to wait for the event before taking the “timed out” branch' },
        'zh-CN': { title: '超时', description: '等待事件的最长时间，超过后走“超时”分支' },
      }),
    ),
    sameOrder: z
      .boolean()
      .default(true)
      .meta(
        field({
          en: { title: 'Same order as the entry event', description: 'Only an event about the order that started the journey counts.' },
          'zh-CN': { title: '与进入事件是同一订单', description: '只有与触发旅程的订单相关的事件才算。' },
        }),
      ),
    // Checked against the awaited event (`lastEvent`, first) and the enrolling one (`event`) alone.
    condition: topLevelConditionSchema
      .optional()
      .meta(field({ en: { title: 'Only when' }, 'zh-CN': { title: '仅当' }, facts: ['lastEvent', 'event', 'orderAmount'] })),
  }),
  ports: () => ['event', 'timeout'],
  conditions: (c) => (c.condition ? [{ condition: c.condition, path: ['condition'] }] : []),
  behaviour: {
    kind: 'waitForEvent',
    wait: (c) => ({ eventType: c.eventType, timeoutMs: durationToMs(c.timeout), sameOrder: c.sameOrder, condition: c.condition }),
  },
});
