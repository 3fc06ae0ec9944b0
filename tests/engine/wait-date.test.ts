import { describe, expect, it } from 'vitest';
import { createRegistry, Interpreter, journeySchema, type CustomerEvent, type WaitContext } from '../../engine/index';
import { journeyDocument } from './fixtures';

const registry = createRegistry();
const def = registry.require('wait.date');
const SH = 'Asia/Shanghai';
const NY = 'America/New_York';
const entry: CustomerEvent = { id: 'e-1', type: 'order.created', customerId: 'c-1', occurredAt: '2026-01-01T00:00:00Z', data: {} };

/** The node's answer for a customer at instant `now` in zone `tz`, as ISO or { port }. */
function wake(config: Record<string, unknown>, customer: Record<string, unknown>, now: string, tz = SH) {
  if (def.behaviour.kind !== 'sleep') throw new Error('not a sleep');
  const ctx: WaitContext = { now: Date.parse(now), timezone: tz, customer: { id: 'c-1', ...customer }, entry };
  const end = def.behaviour.wakeAt(def.config.parse(config), ctx);
  return typeof end === 'number' ? new Date(end).toISOString() : { at: new Date(end.at).toISOString(), port: end.port };
}

describe('wait.date: until a customer date ± days at a time of day', () => {
  it('has the ports next and missing and needs the customer', () => {
    expect(def.ports(def.config.parse({}))).toEqual(['next', 'missing']);
    expect(def.behaviour.kind === 'sleep' && def.behaviour.needsCustomer?.(def.config.parse({}))).toBe(true);
  });

  it('wakes the day before the next birthday at 10:00 in the customer zone', () => {
    const birthday = { date: 'birthday', offsetDays: -1, at: '10:00' };
    expect(wake(birthday, { birthday: '1990-11-20' }, '2026-11-11T12:00:00+08:00')).toBe('2026-11-19T02:00:00.000Z');
    // This year's eve at 10:00 has just passed: next year's.
    expect(wake(birthday, { birthday: '1990-11-20' }, '2026-11-19T10:01:00+08:00')).toBe('2027-11-19T02:00:00.000Z');
    // A year-less birthday works the same; New York wall clock.
    expect(wake(birthday, { birthday: '11-20' }, '2026-11-11T12:00:00Z', NY)).toBe('2026-11-19T15:00:00.000Z');
  });

  it('puts a 29 February birthday on 28 February in other years, and on the 29th in leap years', () => {
    const onDay = { date: 'birthday', offsetDays: 0, at: '09:00' };
    expect(wake(onDay, { birthday: '2000-02-29' }, '2026-01-10T00:00:00+08:00')).toBe('2026-02-28T01:00:00.000Z');
    expect(wake(onDay, { birthday: '2000-02-29' }, '2027-03-01T00:00:00+08:00')).toBe('2028-02-29T01:00:00.000Z');
    // The day before a 29 Feb birthday in a common year is 27 Feb.
    expect(wake({ ...onDay, offsetDays: -1 }, { birthday: '02-29' }, '2026-01-10T00:00:00+08:00')).toBe('2026-02-27T01:00:00.000Z');
  });

  it('crosses year ends with offsets: a week before 3 January, three days after 30 December', () => {
    expect(wake({ date: 'birthday', offsetDays: -7, at: '10:00' }, { birthday: '1985-01-03' }, '2026-12-20T00:00:00+08:00')).toBe('2026-12-27T02:00:00.000Z');
    expect(wake({ date: 'birthday', offsetDays: 3, at: '10:00' }, { birthday: '1985-12-30' }, '2027-01-01T00:00:00+08:00')).toBe('2027-01-02T02:00:00.000Z');
  });

  it('keeps 10:00 local across the New York clock change', () => {
    // Birthday 2 November: the day before, 1 November 2026, is the fall-back day (EST, UTC-5).
    expect(wake({ date: 'birthday', offsetDays: -1, at: '10:00' }, { birthday: '1970-11-02' }, '2026-10-20T12:00:00Z', NY)).toBe('2026-11-01T15:00:00.000Z');
    expect(wake({ date: 'birthday', offsetDays: 0, at: '10:00' }, { birthday: '1970-03-08' }, '2026-03-01T12:00:00Z', NY)).toBe('2026-03-08T14:00:00.000Z');
  });

  it('waits for a one-off date from a fact, and goes on at once through next when it has passed', () => {
    const firstOrder = { date: 'firstOrderAt', offsetDays: 30, at: '10:00' };
    // First order 2026-10-31T18:00Z is 1 November in Shanghai: 30 days later is 1 December.
    const facts = { facts: { firstOrderAt: '2026-10-31T18:00:00.000Z' } };
    expect(wake(firstOrder, facts, '2026-11-11T00:00:00Z')).toBe('2026-12-01T02:00:00.000Z');
    expect(wake(firstOrder, facts, '2027-01-05T00:00:00Z')).toBe('2027-01-05T00:00:00.000Z');
    expect(
      wake({ date: 'lastOrderAt', offsetDays: 0, at: '10:00', yearly: true }, { facts: { lastOrderAt: '2025-06-01T04:00:00Z' } }, '2026-11-11T00:00:00Z'),
    ).toBe('2027-06-01T02:00:00.000Z');
  });

  it('reads a free attribute holding a date or a date-time', () => {
    const renewal = { date: 'attribute', attribute: 'renewalDate', offsetDays: -3, at: '09:30' };
    expect(wake(renewal, { renewalDate: '2026-12-01' }, '2026-11-11T00:00:00Z')).toBe('2026-11-28T01:30:00.000Z');
    expect(wake(renewal, { renewalDate: '2026-12-01T20:00:00-05:00' }, '2026-11-11T00:00:00Z')).toBe('2026-11-29T01:30:00.000Z');
  });

  it('takes missing for a customer without the date or with one that is not a date', () => {
    const now = '2026-11-11T00:00:00.000Z';
    const missing = { at: now, port: 'missing' };
    expect(wake({ date: 'birthday' }, {}, now)).toEqual(missing);
    expect(wake({ date: 'birthday' }, { birthday: '1990-02-30' }, now)).toEqual(missing);
    expect(wake({ date: 'birthday' }, { birthday: 'soon' }, now)).toEqual(missing);
    expect(wake({ date: 'firstOrderAt' }, { facts: { firstOrderAt: null } }, now)).toEqual(missing);
    expect(wake({ date: 'attribute', attribute: 'renewalDate' }, { renewalDate: 42 }, now)).toEqual(missing);
  });

  it('refuses an attribute source without the attribute, and offsets beyond a year', () => {
    expect(def.config.safeParse({ date: 'attribute' }).error?.issues[0]).toMatchObject({
      path: ['attribute'],
      message: 'name the attribute that holds the date',
    });
    expect(def.config.safeParse({ offsetDays: 400 }).error?.issues[0]?.path).toEqual(['offsetDays']);
    expect(def.config.safeParse({ at: '25:00' }).error?.issues[0]?.path).toEqual(['at']);
  });

  it('goes on by the missing port in the interpreter, and a sleep with no timer keeps the loop guard counting', () => {
    const journey = journeySchema.parse(
      journeyDocument(
        [
          { id: 'start', type: 'trigger.event' },
          { id: 'birthday', type: 'wait.date', config: { date: 'birthday', offsetDays: -1, at: '10:00' } },
          { id: 'done', type: 'exit' },
          { id: 'no-date', type: 'exit' },
        ],
        [
          ['start', 'next', 'birthday'],
          ['birthday', 'next', 'done'],
          ['birthday', 'missing', 'no-date'],
        ],
      ),
    );
    const interpreter = new Interpreter(journey, registry);
    const state = interpreter.enter();
    const end = interpreter.sleepEnd(state, { now: 1_000, timezone: SH, customer: { id: 'c-1' }, entry });
    expect(end).toEqual({ at: 1_000, port: 'missing' });
    expect(interpreter.advance(state, end.port, false)).toMatchObject({ cursor: 'no-date', stepsSinceWait: state.stepsSinceWait + 1 });
    expect(interpreter.advance(state, 'next')).toMatchObject({ cursor: 'done', stepsSinceWait: 0 });
  });
});
