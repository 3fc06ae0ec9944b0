import { z } from 'zod';
import { customerDateWake, readCustomerDate } from '../../time/customer-date';
import { birthdayCalendarOf, lunarBirthdayWake, readLunarBirthday } from '../../time/lunar-birthday';
import type { CalendarDateSource } from '../../triggers/calendar-due';
import { offsetDaysSchema, timeOfDaySchema } from '../../time/schemas';
import { defineNode, type WaitContext } from '../define';
import { customerDateAttributeTexts, customerDateChoice } from '../customer-date-fields';
import { field } from '../field';

const DAY_MS = 86_400_000;

/** The customer's value for the chosen date: profile field, fact, or free attribute. */
function dateValue(source: CalendarDateSource, attribute: string | undefined, customer: WaitContext['customer']): unknown {
  if (!customer) return undefined;
  const facts = (customer.facts ?? {}) as Record<string, unknown>;
  switch (source) {
    case 'birthday':
      return customer.birthday;
    case 'firstOrderAt':
    case 'lastOrderAt':
      return facts[source];
    case 'attribute':
      // Free attributes sit on the profile beside its fields (server/customers/customers.ts).
      return attribute ? customer[attribute] : undefined;
  }
}

export const waitDate = defineNode({
  type: 'wait.date',
  version: 1,
  category: 'wait',
  labels: {
    'zh-CN': {
      title: '等到客户日期',
      description: '等到客户的某个日期（生日、首次或最近购买、自定义属性）前后几天的某个时间；没有这个日期的客户走“缺少日期”。',
      ports: { next: '到时', missing: '缺少日期' },
    },
    en: {
      title: 'Wait for customer date',
      description:
        "Waits until a day before or after one of the customer's dates (birthday, first or last purchase, an attribute) at a time of day; customers without the date take “missing”.",
      ports: { next: 'on the day', missing: 'date missing' },
    },
  },
  config: z
    .object({
      date: customerDateChoice,
      attribute: z.string().min(1, 'name the attribute').optional().meta(customerDateAttributeTexts),
      offsetDays: offsetDaysSchema.meta(
        field({
          en: { title: 'Days before (−) or after (+)', description: '-1 = the day before, 0 = on the day, 7 = a week after' },
          'zh-CN': { title: '提前（−）或推后（+）天数', description: '-1 = 前一天，0 = 当天，7 = 一周后' },
        }),
      ),
      at: timeOfDaySchema.default('10:00').meta(
        field({
          en: { title: 'Time of day', description: "HH:mm in the customer's time zone (the shop's if unknown)" },
          'zh-CN': { title: '时刻', description: 'HH:mm，按客户时区（没有则用店铺的）' },
        }),
      ),
      yearly: z
        .boolean()
        .optional()
        .meta(
          field({
            en: {
              title: 'Every year',
              description: 'The next occurrence each year; on by default for birthdays, off for other dates (a past date goes on at once)',
            },
            'zh-CN': { title: '每年', description: '每年的下一次；生日默认开启，其他日期默认关闭（已过的日期立即继续）' },
          }),
        ),
    })
    .refine((c) => c.date !== 'attribute' || c.attribute !== undefined, { message: 'name the attribute that holds the date', path: ['attribute'] }),
  ports: () => ['next', 'missing'],
  maxWaitMs: (c) => {
    // A yearly date comes round within a year (a day more for 29 February and the zones); a 农历
    // birthday within a lunar year, up to 385 days with a leap month.
    if (c.yearly ?? c.date === 'birthday') return (c.date === 'birthday' ? 386 : 367) * DAY_MS;
    // An attribute may hold any date ahead; the others are in the past, so only the offset is ahead.
    if (c.date === 'attribute') return 'unknown';
    return (Math.max(0, c.offsetDays) + 1) * DAY_MS;
  },
  behaviour: {
    kind: 'sleep',
    needsCustomer: () => true,
    wakeAt: (c, ctx) => {
      const options = { offsetDays: c.offsetDays, at: c.at, yearly: c.yearly ?? c.date === 'birthday' };
      // A 农历 birthday (birthdayCalendar "lunar" on the profile) wakes on this year's Gregorian day of it.
      if (c.date === 'birthday' && birthdayCalendarOf(ctx.customer?.birthdayCalendar) === 'lunar') {
        const lunar = readLunarBirthday(ctx.customer?.birthday);
        return lunar ? lunarBirthdayWake(lunar, options, ctx.now, ctx.timezone) : { at: ctx.now, port: 'missing' };
      }
      const date = readCustomerDate(dateValue(c.date, c.attribute, ctx.customer), ctx.timezone);
      if (!date) return { at: ctx.now, port: 'missing' };
      return customerDateWake(date, options, ctx.now, ctx.timezone);
    },
  },
});
