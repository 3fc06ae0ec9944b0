import { describe, expect, it } from 'vitest';
import {
  calendarCandidateMonthDays,
  calendarRuleKey,
  createRegistry,
  entryFor,
  isCalendarDue,
  journeySchema,
  validateJourney,
  type CalendarRule,
} from '../../engine/index';

const SH = 'Asia/Shanghai';
const due = (rule: CalendarRule, value: unknown, today: string, tz = SH) => isCalendarDue(rule, value, today, tz);

describe('date trigger: due today', () => {
  const birthday: CalendarRule = { date: 'birthday', offsetDays: 0 };

  it('a birthday is due on its month-day every year, with or without the year written', () => {
    expect(due(birthday, '1990-05-17', '2026-05-17')).toBe(true);
    expect(due(birthday, '05-17', '2026-05-17')).toBe(true);
    expect(due(birthday, '1990-05-17', '2026-05-16')).toBe(false);
    expect(due(birthday, '1990-05-17', '2027-05-17')).toBe(true);
    expect(due(birthday, null, '2026-05-17')).toBe(false);
    expect(due(birthday, 'soon', '2026-05-17')).toBe(false);
  });

  it('29 February is celebrated on 28 February in common years and on the 29th in leap years', () => {
    expect(due(birthday, '2000-02-29', '2026-02-28')).toBe(true);
    expect(due(birthday, '2000-02-29', '2026-03-01')).toBe(false);
    expect(due(birthday, '02-29', '2028-02-29')).toBe(true);
    // In a leap year the 28th is someone else's day.
    expect(due(birthday, '2000-02-29', '2028-02-28')).toBe(false);
    expect(due(birthday, '2001-02-28', '2026-02-28')).toBe(true);
  });

  it('offsets reach across month and year ends', () => {
    // Three days before a 2 March birthday is 27 February (common year) …
    expect(due({ date: 'birthday', offsetDays: -3 }, '1990-03-02', '2026-02-27')).toBe(true);
    // … and 28 February in a leap year.
    expect(due({ date: 'birthday', offsetDays: -3 }, '1990-03-02', '2028-02-28')).toBe(true);
    // Seven days before 3 January is 27 December of the year before.
    expect(due({ date: 'birthday', offsetDays: -7 }, '1990-01-03', '2026-12-27')).toBe(true);
    expect(due({ date: 'birthday', offsetDays: -7 }, '1990-01-03', '2027-01-03')).toBe(false);
    // Five days after 30 December is 4 January.
    expect(due({ date: 'birthday', offsetDays: 5 }, '12-30', '2027-01-04')).toBe(true);
  });

  it('a first-purchase anniversary comes every year but never in the first order’s own year', () => {
    const anniversary: CalendarRule = { date: 'firstOrderAt', offsetDays: 0 };
    // 2025-03-10T02:00Z is 10:00 on 10 March in Shanghai.
    expect(due(anniversary, '2025-03-10T02:00:00.000Z', '2025-03-10')).toBe(false);
    expect(due(anniversary, '2025-03-10T02:00:00.000Z', '2026-03-10')).toBe(true);
    expect(due(anniversary, '2025-03-10T02:00:00.000Z', '2027-03-10')).toBe(true);
    // An offset back into the order's own year is not an anniversary either (order 20 Dec, 15 days after = 4 Jan).
    expect(due({ date: 'firstOrderAt', offsetDays: 15 }, '2025-12-20T02:00:00Z', '2026-01-04')).toBe(false);
    expect(due({ date: 'firstOrderAt', offsetDays: 15 }, '2025-12-20T02:00:00Z', '2027-01-04')).toBe(true);
  });

  it('N days after the last purchase happens once', () => {
    const rule: CalendarRule = { date: 'lastOrderAt', offsetDays: 30 };
    expect(due(rule, '2026-04-01T03:00:00Z', '2026-05-01')).toBe(true);
    expect(due(rule, '2026-04-01T03:00:00Z', '2027-05-01')).toBe(false);
    expect(due(rule, '2026-04-01T03:00:00Z', '2026-04-30')).toBe(false);
  });

  it('the day is the shop’s: an instant late in the UTC day is the next day in Shanghai and the same in New York', () => {
    const rule: CalendarRule = { date: 'lastOrderAt', offsetDays: 1 };
    // 2026-06-01T20:00Z is 2 June 04:00 in Shanghai, 1 June 16:00 in New York.
    expect(due(rule, '2026-06-01T20:00:00Z', '2026-06-03', SH)).toBe(true);
    expect(due(rule, '2026-06-01T20:00:00Z', '2026-06-02', SH)).toBe(false);
    expect(due(rule, '2026-06-01T20:00:00Z', '2026-06-02', 'America/New_York')).toBe(true);
  });

  it('date attributes: a plain date or a date-time, once unless yearly', () => {
    const renewal: CalendarRule = { date: 'attribute', attribute: 'renewalDate', offsetDays: -7 };
    expect(due(renewal, '2026-09-10', '2026-09-03')).toBe(true);
    expect(due(renewal, '2026-09-10T09:00:00+08:00', '2026-09-03')).toBe(true);
    expect(due(renewal, '2026-09-10', '2027-09-03')).toBe(false);
    expect(due({ ...renewal, yearly: true }, '2026-09-10', '2027-09-03')).toBe(true);
    expect(due(renewal, 20260910, '2026-09-03')).toBe(false);
  });

  it('rule keys name the date, offset and repetition; the text filter covers every due value', () => {
    expect(calendarRuleKey({ date: 'birthday', offsetDays: -3 })).toBe('birthday:-3:yearly');
    expect(calendarRuleKey({ date: 'lastOrderAt', offsetDays: 30 })).toBe('lastOrderAt:30:once');
    expect(calendarRuleKey({ date: 'firstOrderAt', offsetDays: 0, yearly: false })).toBe('firstOrderAt:0:once');
    expect(calendarRuleKey({ date: 'attribute', attribute: 'a:b', offsetDays: 1 })).toBe('attribute:a%3Ab:1:once');
    expect(calendarCandidateMonthDays({ date: 'birthday', offsetDays: 0 }, '2026-02-28')).toContain('02-29');
    expect(calendarCandidateMonthDays({ date: 'birthday', offsetDays: -3 }, '2026-12-30')).toEqual(['12-31', '01-01', '01-02', '01-03', '01-04'].sort());
  });
});

describe('date and broadcast triggers in journeys', () => {
  const registry = createRegistry();
  const journey = (id: string, trigger: { type: string; config: Record<string, unknown> }) =>
    journeySchema.parse({
      schemaVersion: 1,
      id,
      name: id,
      nodes: [
        { id: 't', ...trigger },
        { id: 'x', type: 'exit', config: {} },
      ],
      edges: [{ from: 't', port: 'next', to: 'x' }],
    });
  const event = (type: string, data: Record<string, unknown>) => ({ id: 'e1', type, customerId: 'c1', occurredAt: '2026-05-17T00:05:00Z', data });

  it('a date trigger takes the calendar events of its own rule and enters once per day', async () => {
    const j = journey('bday', { type: 'trigger.date', config: { date: 'birthday', offsetDays: -3 } });
    expect(await entryFor(j, registry, event('calendar.due', { rule: 'birthday:-3:yearly', on: '2026-05-14' }))).toEqual({
      workflowId: 'journey:bday:c1:2026-05-14',
      entryKey: '2026-05-14',
    });
    expect(await entryFor(j, registry, event('calendar.due', { rule: 'birthday:0:yearly', on: '2026-05-17' }))).toBeUndefined();
  });

  it('a broadcast’s events enrol only in its own journey; a manual enrolment only in the journey it names', async () => {
    const trigger = { type: 'trigger.broadcast', config: { at: '2026-11-11T10:00' } };
    const mine = journey('d11', trigger);
    const other = journey('d11-copy', trigger);
    const e = event('broadcast.due', { journeyId: 'd11', version: 1, nodeId: 't' });
    expect(await entryFor(mine, registry, e)).toEqual({ workflowId: 'journey:d11:c1:broadcast-2026-11-11T10:00', entryKey: 'broadcast-2026-11-11T10:00' });
    expect(await entryFor(other, registry, e)).toBeUndefined();
    const manual = event('journey.enrol', { journeyId: 'd11-copy', requestId: 'r1' });
    expect(await entryFor(other, registry, manual)).toEqual({ workflowId: 'journey:d11-copy:c1' });
    expect(await entryFor(mine, registry, manual)).toBeUndefined();
  });

  it('validation names a missing attribute and an unknown audience fact', () => {
    const noAttribute = validateJourney(journey('a', { type: 'trigger.date', config: { date: 'attribute', offsetDays: 400 } }), registry, 'en');
    expect(noAttribute.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['nodes[0].config.attribute', 'nodes[0].config.offsetDays']));
    const badAudience = validateJourney(
      journey('b', {
        type: 'trigger.broadcast',
        config: { at: '2026-11-11T25:00', audience: { all: [{ fact: 'shoeSize', operator: 'equal', value: 42 }] }, ratePerMinute: -1 },
      }),
      registry,
      'en',
    );
    expect(badAudience.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['nodes[0].config.at', 'nodes[0].config.ratePerMinute']));
    const unknownFact = validateJourney(
      journey('c', { type: 'trigger.broadcast', config: { at: '2026-11-11T10:00', audience: { all: [{ fact: 'shoeSize', operator: 'equal', value: 42 }] } } }),
      registry,
      'en',
    );
    expect(unknownFact.ok).toBe(false);
    expect(unknownFact.problems[0]!.path).toMatch(/^nodes\[0\]\.config\.audience/);
    const good = validateJourney(
      journey('d', {
        type: 'trigger.broadcast',
        config: { at: '2026-11-11T10:00', audience: { all: [{ fact: 'lifecycleStage', operator: 'equal', value: 'active' }] }, ratePerMinute: 600 },
      }),
      registry,
      'en',
    );
    expect(good.problems).toEqual([]);
  });
});
