import { z } from 'zod';
import { calendarDateSources, calendarRuleKey } from '../../triggers/calendar-due';
import { offsetDaysSchema } from '../../time/schemas';
import { defineNode } from '../define';
import { customerDateAttributeTexts, customerDateChoice } from '../customer-date-fields';
import { field } from '../field';

/** The synthetic event the daily calendar job stores for each customer a date rule makes due. */
export const calendarDueEventType = 'calendar.due';

export const dateTriggerConfig = z
  .object({
    date: customerDateChoice,
    attribute: z.string().trim().min(1, 'name the attribute').optional().meta(customerDateAttributeTexts),
    offsetDays: offsetDaysSchema.meta(
      field({
        en: { title: 'Days before (−) or after (+)', description: '-3 = three days before, 0 = on the day, 30 = thirty days after' },
        'zh-CN': { title: '提前（−）或推后（+）天数', description: '-3 = 前三天，0 = 当天，30 = 三十天后' },
      }),
    ),
    yearly: z
      .boolean()
      .optional()
      .meta(
        field({
          en: {
            title: 'Every year',
            description:
              'On by default for birthdays and first-purchase anniversaries (never in the first order’s own year), off for last purchase and attributes',
          },
          'zh-CN': { title: '每年', description: '生日和首次购买周年默认每年触发（首单当年不算周年），最近购买和属性默认只触发一次' },
        }),
      ),
  })
  .refine((c) => c.date !== 'attribute' || c.attribute !== undefined, { message: 'name the attribute that holds the date', path: ['attribute'] });

export const dateTrigger = defineNode({
  type: 'trigger.date',
  version: 1,
  category: 'trigger',
  labels: {
    'zh-CN': {
      title: '日期触发',
      description: '每小时检查（从凌晨开始）：客户的生日、首次购买周年、最近购买或某个日期属性前后第几天到了，就进入旅程（每次只进入一次）。',
      ports: { next: '进入' },
    },
    en: {
      title: 'Date trigger',
      description:
        'Checked every hour from just after midnight: enrols customers whose birthday, first-purchase anniversary, last purchase or date attribute, plus or minus some days, is today (once per occurrence).',
      ports: { next: 'enter' },
    },
  },
  config: dateTriggerConfig,
  ports: () => ['next'],
  behaviour: {
    kind: 'trigger',
    eventType: () => calendarDueEventType,
    accepts: async (c, event) => event.type === calendarDueEventType && event.data.rule === calendarRuleKey(c),
    // One enrolment per occurrence: every year for a birthday, never twice on the same day.
    entryKey: (_c, event) => (typeof event.data.on === 'string' ? event.data.on : undefined),
  },
});
