import { z } from 'zod';
import { defineNode } from '../define';
import { field } from '../field';

/** Stored when a customer enters or leaves a segment (server/segments/membership.ts), one per segment, customer and day. */
export const segmentEnteredEventType = 'segment.entered';
export const segmentLeftEventType = 'segment.left';
export const segmentEventTypes: readonly string[] = [segmentEnteredEventType, segmentLeftEventType];

export const segmentTrigger = defineNode({
  type: 'trigger.segment',
  version: 1,
  category: 'trigger',
  labels: {
    'zh-CN': {
      title: '人群进出',
      description: '客户进入（或离开）某个人群时进入旅程。人群成员随客户指标刷新和客户自己的变化重新计算。',
      ports: { next: '进入' },
    },
    en: {
      title: 'Segment entry',
      description:
        "Enrols a customer when they enter (or leave) a segment. Membership is recomputed with the facts refresh and after the customer's own changes.",
      ports: { next: 'enter' },
    },
  },
  config: z.object({
    // Empty until the marketer picks one; publishing refuses an empty or unknown segment
    // (server/segments/journey-check.ts: the engine cannot know the shop's segments).
    segmentId: z
      .string()
      .max(200, 'must be at most 200 characters')
      .default('')
      .meta({ ...field({ en: { title: 'Segment' }, 'zh-CN': { title: '人群' } }), format: 'segment-id' }),
    on: z
      .enum(['enter', 'leave'])
      .default('enter')
      .meta(
        field({
          en: { title: 'When the customer', description: 'enter: joins the segment; leave: drops out of it' },
          'zh-CN': { title: '触发时机', description: 'enter：进入人群；leave：离开人群' },
        }),
      ),
  }),
  ports: () => ['next'],
  behaviour: {
    kind: 'trigger',
    eventType: (c) => (c.on === 'leave' ? segmentLeftEventType : segmentEnteredEventType),
    accepts: async (c, event) => event.type === (c.on === 'leave' ? segmentLeftEventType : segmentEnteredEventType) && event.data.segmentId === c.segmentId,
    // The journey's re-entry settings decide whether a customer who enters again later starts again.
    entryKey: () => undefined,
  },
});
