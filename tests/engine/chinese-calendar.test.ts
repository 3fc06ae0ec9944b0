import { describe, expect, it } from 'vitest';
import { fromLunar, isOfficialDay, officialDay, officialYearKnown, toLunar } from '../../engine/time/chinese-calendar';
import { nextWindowOpening } from '../../engine/time/window';
import { quietUntil } from '../../engine/guardrails/quiet-hours';

const d = (text: string) => {
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  return { year, month, day };
};
const SH = 'Asia/Shanghai';
const everyDay = [1, 2, 3, 4, 5, 6, 7];
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

// The 2026 schedule is the State Council's notice on the 2026 holidays (国办发明电〔2025〕7号) as
// tyme4ts 1.5.2 carries it: 国庆节 1–7 October off, Sunday 20 September and Saturday 10 October
// worked; 中秋节 25–27 September off.
describe('the official calendar (调休 included)', () => {
  it('knows the 2026 National Day holiday and its two moved working days', () => {
    for (let day = 1; day <= 7; day++) expect(officialDay({ year: 2026, month: 10, day })).toEqual({ kind: 'holiday', holiday: '国庆节' });
    expect(officialDay(d('2026-09-20'))).toEqual({ kind: 'working', holiday: '国庆节' }); // a Sunday
    expect(officialDay(d('2026-10-10'))).toEqual({ kind: 'working', holiday: '国庆节' }); // a Saturday
    expect(officialDay(d('2026-10-08'))).toEqual({ kind: 'working', holiday: null }); // an ordinary Thursday
    expect(officialDay(d('2026-10-11'))).toEqual({ kind: 'rest', holiday: null }); // an ordinary Sunday
  });

  it('knows 中秋 2026 as a holiday of its own (25–27 September)', () => {
    expect(officialDay(d('2026-09-25')).kind).toBe('holiday');
    expect(officialDay(d('2026-09-27')).holiday).toBe('中秋节');
    expect(officialDay(d('2026-09-28')).kind).toBe('working');
  });

  it('counts a year not yet published by the week alone', () => {
    expect(officialYearKnown(2026)).toBe(true);
    expect(officialYearKnown(2099)).toBe(false);
    expect(officialDay(d('2099-10-01')).kind).toBe('working'); // a Thursday
    expect(officialDay(d('2099-10-03')).kind).toBe('rest'); // a Saturday
  });

  it('chooses days: working, off, any', () => {
    expect(isOfficialDay('working', d('2026-09-20'))).toBe(true);
    expect(isOfficialDay('off', d('2026-09-20'))).toBe(false);
    expect(isOfficialDay('off', d('2026-10-05'))).toBe(true);
    expect(isOfficialDay('any', d('2026-10-05'))).toBe(true);
  });
});

describe('农历 dates', () => {
  it('春节 2027 is 6 February 2027; 中秋 2026 is 25 September 2026', () => {
    expect(fromLunar(2027, 1, 1)).toEqual(d('2027-02-06'));
    expect(fromLunar(2026, 8, 15)).toEqual(d('2026-09-25'));
    expect(fromLunar(2027, 8, 15)).toEqual(d('2027-09-15'));
  });

  it('reads a day of the leap month 闰六月 2025 as leap, and takes the ordinary sixth month for 六月初十', () => {
    expect(toLunar(d('2025-08-03'))).toEqual({ year: 2025, month: 6, leap: true, day: 10 });
    expect(toLunar(d('2025-07-04'))).toEqual({ year: 2025, month: 6, leap: false, day: 10 });
    expect(fromLunar(2025, 6, 10)).toEqual(d('2025-07-04'));
  });

  it('puts day 30 of a month of 29 days on its 29th', () => {
    // The second lunar month has 29 days in 2026 and 30 in 2027.
    expect(fromLunar(2026, 2, 30)).toEqual(fromLunar(2026, 2, 29));
    expect(fromLunar(2027, 2, 30)).not.toEqual(fromLunar(2027, 2, 29));
  });
});

describe('waits and quiet hours on official days', () => {
  const office = { from: '10:00', to: '18:00', weekdays: everyDay };

  it('"the next working day at 10:00": after 30 September 2026 comes 8 October, and Saturday 19 September waits for Sunday the 20th', () => {
    expect(iso(nextWindowOpening({ ...office, days: 'working' }, Date.parse('2026-09-30T19:00:00+08:00'), SH))).toBe('2026-10-08T02:00:00.000Z');
    expect(iso(nextWindowOpening({ ...office, days: 'working' }, Date.parse('2026-09-19T12:00:00+08:00'), SH))).toBe('2026-09-20T02:00:00.000Z');
    // Without the option the holiday is an ordinary day.
    expect(iso(nextWindowOpening(office, Date.parse('2026-09-30T19:00:00+08:00'), SH))).toBe('2026-10-01T02:00:00.000Z');
  });

  it('a day off: Friday 9 October 2026 waits past the worked Saturday to Sunday the 11th', () => {
    expect(iso(nextWindowOpening({ ...office, days: 'off' }, Date.parse('2026-10-09T12:00:00+08:00'), SH))).toBe('2026-10-11T02:00:00.000Z');
  });

  it('quiet on holidays holds a message from the eve of 国庆 to 09:00 on 8 October', () => {
    const quiet = { from: '21:00', to: '09:00', days: 'holidays' as const };
    expect(iso(quietUntil(Date.parse('2026-09-30T22:00:00+08:00'), SH, quiet))).toBe('2026-10-08T01:00:00.000Z');
    expect(iso(quietUntil(Date.parse('2026-10-03T15:00:00+08:00'), SH, quiet))).toBe('2026-10-08T01:00:00.000Z');
    // An ordinary Sunday is no holiday.
    expect(quietUntil(Date.parse('2026-10-11T15:00:00+08:00'), SH, quiet)).toBeNull();
  });

  it('quiet on days off: Sunday waits for Monday 09:00, the worked Saturday 10 October is not quiet', () => {
    const quiet = { from: '21:00', to: '09:00', days: 'off' as const };
    expect(iso(quietUntil(Date.parse('2026-10-11T15:00:00+08:00'), SH, quiet))).toBe('2026-10-12T01:00:00.000Z');
    expect(quietUntil(Date.parse('2026-10-10T15:00:00+08:00'), SH, quiet)).toBeNull();
    // Whole quiet days without nightly hours: the holiday ends at midnight.
    expect(iso(quietUntil(Date.parse('2026-10-07T15:00:00+08:00'), SH, { from: '00:00', to: '00:00', days: 'holidays' }))).toBe('2026-10-07T16:00:00.000Z');
  });
});
