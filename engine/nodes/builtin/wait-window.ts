import { z } from 'zod';
import { officialDayChoices } from '../../time/chinese-calendar';
import { timeOfDaySchema, weekdaysSchema } from '../../time/schemas';
import { nextWindowOpening } from '../../time/window';
import { defineNode } from '../define';
import { field } from '../field';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

export const waitWindow = defineNode({
  type: 'wait.window',
  version: 1,
  category: 'wait',
  labels: {
    'zh-CN': {
      title: '等到时间段',
      description: '按客户所在时区，等到选定星期几的某个时间段（如 09:00–21:00）再继续；已在时间段内则立即继续。',
      ports: { next: '之后' },
    },
    en: {
      title: 'Wait for time window',
      description: "Waits until a time of day window (e.g. 09:00–21:00) on chosen weekdays, in the customer's time zone; goes on at once inside it.",
      ports: { next: 'then' },
    },
  },
  config: z
    .object({
      from: timeOfDaySchema
        .default('09:00')
        .meta(field({ en: { title: 'From', description: 'HH:mm, when the window opens' }, 'zh-CN': { title: '开始', description: '时间段开始' } })),
      to: timeOfDaySchema.default('21:00').meta(
        field({
          en: { title: 'To', description: 'HH:mm, when it closes; earlier than From means the next day (22:00–02:00)' },
          'zh-CN': { title: '结束', description: '时间段结束；早于开始表示到第二天（如 22:00–02:00）' },
        }),
      ),
      weekdays: weekdaysSchema.default([1, 2, 3, 4, 5, 6, 7]).meta(
        field({
          en: { title: 'Weekdays', description: '1 = Monday … 7 = Sunday; the day the window opens' },
          'zh-CN': { title: '星期', description: '时间段开始的那一天' },
        }),
      ),
      days: z
        .enum(officialDayChoices)
        .default('any')
        .meta(
          field({
            en: {
              title: 'Official days',
              description:
                'any = every weekday chosen; working = only official working days (调休 weekend days included, public holidays left out); off = only weekends and public holidays',
            },
            'zh-CN': {
              title: '工作日/休息日',
              description: '不限：所选星期都可以；工作日：只在法定工作日（含调休上班的周末，不含法定节假日）；休息日：只在周末和法定节假日',
              enum: { any: '不限', working: '工作日', off: '休息日' },
            },
          }),
        ),
    })
    .refine((c) => c.from !== c.to, { message: 'the window must not open and close at the same time', path: ['to'] })
    // A working day falls on Monday to Friday (or a 调休 weekend day), a day off mostly on a weekend:
    // without such a weekday the window might not open for months.
    .refine((c) => c.days !== 'working' || c.weekdays.some((d) => d <= 5), {
      message: 'official working days need at least one weekday from Monday to Friday',
      path: ['weekdays'],
    })
    .refine((c) => c.days !== 'off' || c.weekdays.some((d) => d >= 6), {
      message: 'days off need Saturday or Sunday among the weekdays',
      path: ['weekdays'],
    }),
  ports: () => ['next'],
  // A window opens at least once a week (one weekday at least), however the zones fall; on official
  // days only, within a month (the longest holiday, 春节, is nine days with its weekends).
  maxWaitMs: (c) => (c.days === 'any' ? WEEK_MS : 31 * DAY_MS),
  behaviour: {
    kind: 'sleep',
    // The customer's own time zone; the runtime falls back to the shop's when they have none.
    needsCustomer: () => true,
    wakeAt: (c, ctx) => nextWindowOpening(c, ctx.now, ctx.timezone),
  },
});
