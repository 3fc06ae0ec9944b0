import { describe, expect, it } from 'vitest';
import { createRegistry, customerUpdatedDataSchema, isCalendarDue, lunarBirthdayCandidateMonthDays } from '../../engine/index';
import { lunarBirthdayWake } from '../../engine/time/lunar-birthday';

const SH = 'Asia/Shanghai';
const birthday = { date: 'birthday' as const, offsetDays: 0 };
const iso = (ms: number) => new Date(ms).toISOString();

describe('a 农历 birthday in the date trigger', () => {
  it('八月十五 falls on 25 September 2026 and 15 September 2027, not on 15 August', () => {
    expect(isCalendarDue(birthday, '1990-08-15', '2026-09-25', SH, 'lunar')).toBe(true);
    expect(isCalendarDue(birthday, '08-15', '2027-09-15', SH, 'lunar')).toBe(true);
    expect(isCalendarDue(birthday, '1990-08-15', '2026-08-15', SH, 'lunar')).toBe(false);
    // The same text read as Gregorian is due on 15 August.
    expect(isCalendarDue(birthday, '1990-08-15', '2026-08-15', SH)).toBe(true);
    expect(isCalendarDue(birthday, '1990-08-15', '2026-09-25', SH)).toBe(false);
  });

  it('a birthday in 闰六月 is kept in the ordinary sixth month (2025: 4 July, not 3 August)', () => {
    expect(isCalendarDue(birthday, '06-10', '2025-07-04', SH, 'lunar')).toBe(true);
    expect(isCalendarDue(birthday, '06-10', '2025-08-03', SH, 'lunar')).toBe(false);
  });

  it('day 30 of a month of 29 days is kept on its 29th (二月 2026 has 29 days)', () => {
    // 正月 2026 has 30 days from 17 February: 二月初一 is 19 March, 二月廿九 16 April.
    expect(isCalendarDue(birthday, '02-30', '2026-04-16', SH, 'lunar')).toBe(true);
    expect(isCalendarDue(birthday, '02-29', '2026-04-16', SH, 'lunar')).toBe(true);
    expect(isCalendarDue(birthday, '02-30', '2026-04-17', SH, 'lunar')).toBe(false);
  });

  it('with an offset, before the year of birth never, and the SQL filter lets the day through', () => {
    expect(isCalendarDue({ date: 'birthday', offsetDays: -3 }, '08-15', '2026-09-22', SH, 'lunar')).toBe(true);
    expect(isCalendarDue(birthday, '2026-08-15', '2026-09-25', SH, 'lunar')).toBe(false);
    expect(lunarBirthdayCandidateMonthDays(birthday, '2026-09-25')).toContain('08-15');
    expect(lunarBirthdayCandidateMonthDays({ date: 'birthday', offsetDays: -3 }, '2026-09-22')).toContain('08-15');
  });
});

describe('a 农历 birthday in wait.date', () => {
  it('wakes on this year’s Gregorian day of it: 腊八 (十二月初八) after 7 December 2026 is 15 January 2027', () => {
    const now = Date.parse('2026-12-07T12:00:00+08:00');
    expect(iso(lunarBirthdayWake({ year: null, month: 12, day: 8 }, { offsetDays: 0, at: '10:00', yearly: true }, now, SH))).toBe('2027-01-15T02:00:00.000Z');
    expect(iso(lunarBirthdayWake({ year: 1990, month: 8, day: 15 }, { offsetDays: -1, at: '10:00', yearly: true }, now, SH))).toBe('2027-09-14T02:00:00.000Z');
  });

  it('the step reads birthdayCalendar from the profile; a Gregorian birthday is unchanged', () => {
    const def = createRegistry().require('wait.date');
    if (def.behaviour.kind !== 'sleep') throw new Error('wait.date sleeps');
    const config = def.config.parse({ date: 'birthday', at: '10:00' });
    const now = Date.parse('2026-09-01T12:00:00+08:00');
    const wake = (customer: Record<string, unknown>) =>
      def.behaviour.kind === 'sleep' && def.behaviour.wakeAt(config, { now, timezone: SH, customer: { id: 'c', ...customer } } as never);
    expect(iso(wake({ birthday: '1990-08-15', birthdayCalendar: 'lunar' }) as number)).toBe('2026-09-25T02:00:00.000Z');
    expect(iso(wake({ birthday: '1990-08-15' }) as number)).toBe('2027-08-15T02:00:00.000Z');
    expect(wake({ birthday: 'soon', birthdayCalendar: 'lunar' })).toEqual({ at: now, port: 'missing' });
  });
});

describe('birthdayCalendar in customer.updated', () => {
  const update = (data: Record<string, unknown>) => customerUpdatedDataSchema.safeParse(data);

  it('takes solar or lunar, and 二月三十 only as a lunar birthday', () => {
    expect(update({ birthday: '1990-08-15', birthdayCalendar: 'lunar' }).success).toBe(true);
    expect(update({ birthday: '02-30', birthdayCalendar: 'lunar' }).success).toBe(true);
    expect(update({ birthday: '02-30' }).success).toBe(false);
    expect(update({ birthdayCalendar: 'chinese' }).success).toBe(false);
  });
});
