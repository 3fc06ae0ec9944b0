import { z } from 'zod';
import { topLevelConditionSchema } from '../../rules/conditions';
import { localDateTimeSchema } from '../../time/schemas';
import { defineNode } from '../define';
import { field } from '../field';

/** The synthetic event a broadcast stores for each customer of its audience. */
export const broadcastDueEventType = 'broadcast.due';

export const broadcastTrigger = defineNode({
  type: 'trigger.broadcast',
  version: 1,
  category: 'trigger',
  labels: {
    'zh-CN': {
      title: '定时群发',
      description: '到了设定的日期和时间（店铺时区），把符合受众条件的客户按设定速度分批放进旅程（如双十一分波次触达）。',
      ports: { next: '进入' },
    },
    en: {
      title: 'Scheduled broadcast',
      description: "At a date and time (the shop's time zone), enrols every customer matching the audience, at a set rate (e.g. Double 11 waves).",
      ports: { next: 'enter' },
    },
  },
  config: z.object({
    at: localDateTimeSchema.default('2027-11-11T10:00').meta(
      field({
        en: { title: 'Date and time', description: "Local date and time in the shop's time zone, YYYY-MM-DDTHH:mm" },
        'zh-CN': { title: '群发时间', description: '店铺时区的日期和时间 YYYY-MM-DDTHH:mm，如 2026-11-11T00:00' },
      }),
    ),
    audience: topLevelConditionSchema.default({ all: [] }).meta(
      field({
        en: { title: 'Audience', description: 'json-rules-engine conditions on customer facts; empty = every customer' },
        'zh-CN': { title: '受众', description: '按客户指标筛选；不设条件 = 所有客户' },
      }),
    ),
    // Optional, so journeys drawn before segments parse as they did.
    segmentId: z
      .string()
      .min(1, 'choose a segment or leave it empty')
      .optional()
      .meta({
        format: 'segment-id',
        ...field({
          en: { title: 'Segment', description: "Only the segment's members (its condition as the broadcast runs), and of them those matching the audience" },
          'zh-CN': { title: '人群', description: '只发给该人群的成员（按群发时的人群条件），且同时满足上面的受众条件' },
        }),
      }),
    ratePerMinute: z
      .number()
      .int('ratePerMinute must be a whole number')
      .min(0, 'ratePerMinute cannot be negative')
      .default(0)
      .meta(
        field({
          en: { title: 'Customers per minute', description: '0 = as fast as possible' },
          'zh-CN': { title: '每分钟人数', description: '0 = 不限速，尽快放入' },
        }),
      ),
  }),
  ports: () => ['next'],
  conditions: (c) => [{ condition: c.audience, path: ['audience'] }],
  behaviour: {
    kind: 'trigger',
    eventType: () => broadcastDueEventType,
    // A broadcast's events name their journey: no other journey, even one with the same trigger, takes them.
    accepts: async (_c, event, context) => event.type === broadcastDueEventType && event.data.journeyId === context.journeyId,
    // One enrolment per customer and broadcast time: republishing the same broadcast does not send twice.
    entryKey: (c) => `broadcast-${c.at}`,
  },
});
