import { z } from 'zod';
import { festivalRuleKey, festivals } from '../../triggers/festival-due';
import { timeOfDaySchema } from '../../time/schemas';
import { defineNode } from '../define';
import { field } from '../field';
import { calendarDueEventType } from './trigger-date';

export const festivalTriggerConfig = z.object({
  festival: z
    .enum(festivals)
    .default('mid-autumn')
    .meta(
      field({
        en: {
          title: 'Festival',
          description:
            'Spring Festival, Lantern, Dragon Boat, Qixi, Mid-Autumn and Double Ninth follow the lunar calendar (their date changes every year); 520, 618, Double 11 and Double 12 are shopping days',
        },
        'zh-CN': {
          title: '节日',
          description: '春节、元宵、端午、七夕、中秋、重阳按农历（每年公历日期不同）；520、618、双11、双12 是购物节',
          enum: {
            'spring-festival': '春节',
            lantern: '元宵节',
            'dragon-boat': '端午节',
            qixi: '七夕',
            'mid-autumn': '中秋节',
            'double-ninth': '重阳节',
            'day-520': '520',
            'day-618': '618',
            'double-11': '双11',
            'double-12': '双12',
          },
        },
      }),
    ),
  daysBefore: z
    .number()
    .int('daysBefore must be a whole number of days')
    .min(0, 'daysBefore cannot be negative')
    .max(60, 'at most 60 days before')
    .default(0)
    .meta(
      field({
        en: { title: 'Days before', description: '0 = on the day, 3 = three days before' },
        'zh-CN': { title: '提前天数', description: '0 = 当天，3 = 提前三天' },
      }),
    ),
  at: timeOfDaySchema
    .default('10:00')
    .refine((t) => t.endsWith(':00'), 'a festival trigger starts on the hour, e.g. 10:00')
    .meta(
      field({
        en: { title: 'Hour', description: "HH:00 in the shop's time zone (the calendar job runs every hour)" },
        'zh-CN': { title: '时刻', description: '整点，按店铺时区（日历任务每小时运行一次）' },
      }),
    ),
});

export const festivalTrigger = defineNode({
  type: 'trigger.festival',
  version: 1,
  category: 'trigger',
  labels: {
    'zh-CN': {
      title: '节日触发',
      description: '在节日当天或提前几天的某个整点，让每位客户进入旅程（每年一次）。农历节日每年自动换算公历日期。',
      ports: { next: '进入' },
    },
    en: {
      title: 'Festival trigger',
      description:
        'Enrols every customer on a festival, or some days before it, at an hour of the shop’s day (once a year). Lunar festivals are converted to their Gregorian day each year.',
      ports: { next: 'enter' },
    },
  },
  config: festivalTriggerConfig,
  ports: () => ['next'],
  behaviour: {
    kind: 'trigger',
    // The calendar job's event, as for date triggers; the rule key tells the two apart.
    eventType: () => calendarDueEventType,
    accepts: async (c, event) => event.type === calendarDueEventType && event.data.rule === festivalRuleKey(c),
    // One enrolment per festival year.
    entryKey: (_c, event) => (typeof event.data.year === 'number' ? String(event.data.year) : undefined),
  },
});
