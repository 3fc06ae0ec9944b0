import { describe, expect, it } from 'vitest';
import { createRegistry, defineAction, journeySchema, journeySummary, validateJourney } from '../../engine/index';
import { fromLocal } from '../../engine/time/zoned';
import { TemplateCatalog } from '../../server/journeys/templates/catalog';
import { journeyDocument, paymentReminder, type NodeInput } from './fixtures';
import { z } from 'zod';

const registry = createRegistry();
const MIN = 60_000;
const DAY = 86_400_000;

/** A journey from nodes and edges, checked by validation first as the API does. */
function journey(nodes: NodeInput[], edges: [string, string, string][]) {
  const checked = validateJourney(journeyDocument(nodes, edges), registry);
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  return checked.journey;
}

const trigger = { id: 't', type: 'trigger.event', config: { eventType: 'order.created' } };
const sms = (id: string) => ({ id, type: 'message.send', config: { channel: 'sms', template: 'hi' } });
const wait = (id: string, duration: string) => ({ id, type: 'wait', config: { duration } });
const exit = (id = 'end') => ({ id, type: 'exit' });

describe('journeySummary', () => {
  it('payment reminder: the call and the SMS are on exclusive branches, at most 25 minutes inside', () => {
    expect(journeySummary(paymentReminder(), registry)).toEqual({ messagesPerChannel: { sms: 1, task: 1 }, longestStayMs: 25 * MIN, paths: 3 });
  });

  it('takes the maximum over branches, not the sum', () => {
    const j = journey(
      [
        trigger,
        { id: 'c', type: 'condition', config: { conditions: { all: [{ fact: 'event', path: '$.data.amount', operator: 'greaterThan', value: 100 }] } } },
        sms('a1'),
        sms('a2'),
        sms('a3'),
        sms('b1'),
        wait('w', 'P2D'),
        { id: 'mail', type: 'message.send', config: { channel: 'email', template: 'x' } },
        exit(),
      ],
      [
        ['t', 'next', 'c'],
        ['c', 'yes', 'a1'],
        ['a1', 'next', 'a2'],
        ['a2', 'next', 'a3'],
        ['a3', 'next', 'end'],
        ['c', 'no', 'w'],
        ['w', 'next', 'b1'],
        ['b1', 'next', 'mail'],
        ['mail', 'next', 'end'],
      ],
    );
    expect(journeySummary(j, registry)).toEqual({ messagesPerChannel: { email: 1, sms: 3 }, longestStayMs: 2 * DAY, paths: 2 });
  });

  it('a loop with a wait and a send makes that channel and the stay unbounded, other channels stay counted', () => {
    const j = journey(
      [
        trigger,
        { id: 'hook', type: 'webhook.post', config: {} },
        wait('w', 'P1D'),
        sms('s'),
        { id: 'again', type: 'condition', config: { conditions: { all: [{ fact: 'event', path: '$.data.amount', operator: 'greaterThan', value: 1 }] } } },
        exit(),
      ],
      [
        ['t', 'next', 'hook'],
        ['hook', 'next', 'w'],
        ['w', 'next', 's'],
        ['s', 'next', 'again'],
        ['again', 'yes', 'w'],
        ['again', 'no', 'end'],
      ],
    );
    expect(journeySummary(j, registry)).toEqual({ messagesPerChannel: { sms: 'unbounded', webhook: 1 }, longestStayMs: 'unbounded', paths: 1 });
  });

  it('counts a plugin action under its type and leaves record changes out', () => {
    const robotSpec = {
      type: 'dingtalk.robot',
      version: 1,
      labels: { 'zh-CN': { title: '钉钉', description: '钉钉' }, en: { title: 'DingTalk', description: 'DingTalk' } },
      config: z.object({}),
      run: async () => {},
    };
    const robot = defineAction(robotSpec);
    const withPlugin = createRegistry([robot]);
    const doc = journeyDocument(
      [trigger, { id: 'tag', type: 'tag.add', config: { tags: ['vip'] } }, { id: 'r', type: 'dingtalk.robot' }, exit()],
      [
        ['t', 'next', 'tag'],
        ['tag', 'next', 'r'],
        ['r', 'next', 'end'],
      ],
    );
    const checked = validateJourney(doc, withPlugin);
    expect(checked.problems).toEqual([]);
    expect(journeySummary(checked.journey!, withPlugin).messagesPerChannel).toEqual({ 'dingtalk.robot': 1 });
    // A plugin may name its channel, or say it sends nothing.
    const named = createRegistry([defineAction({ ...robotSpec, sends: () => 'dingtalk' })]);
    expect(journeySummary(checked.journey!, named).messagesPerChannel).toEqual({ dingtalk: 1 });
    const silent = createRegistry([defineAction({ ...robotSpec, sends: () => undefined })]);
    expect(journeySummary(checked.journey!, silent).messagesPerChannel).toEqual({});
    expect(() => defineAction({ ...robotSpec, sends: 'dingtalk' as never })).toThrow('action "dingtalk.robot": sends must be a function of the config');
  });

  it('a wait until a fixed date is unknown without now; with now it counts what is left, not once per wait', () => {
    const nodes = [
      trigger,
      wait('w', 'PT1H'),
      { id: 'u1', type: 'wait.until', config: { dateTime: '2026-11-11T10:00' } },
      { id: 'u2', type: 'wait.until', config: { dateTime: '2026-11-12T10:00' } },
      exit(),
    ];
    const j = journey(nodes, [
      ['t', 'next', 'w'],
      ['w', 'next', 'u1'],
      ['u1', 'next', 'u2'],
      ['u2', 'next', 'end'],
    ]);
    expect(journeySummary(j, registry).longestStayMs).toBe('unknown');
    const now = fromLocal({ year: 2026, month: 11, day: 10, hour: 10, minute: 0 }, 'Asia/Shanghai');
    expect(journeySummary(j, registry, { now }).longestStayMs).toBe(2 * DAY);
    // After the date has passed only the hour's wait is left.
    expect(journeySummary(j, registry, { now: now + 10 * DAY }).longestStayMs).toBe(60 * MIN);
  });

  it('a time window holds at most a week, a yearly birthday at most 386 days (a 农历 one, in a year with a leap month)', () => {
    const j = journey(
      [
        trigger,
        { id: 'win', type: 'wait.window', config: {} },
        { id: 'bday', type: 'wait.date', config: { date: 'birthday', offsetDays: -3 } },
        exit(),
        exit('no-date'),
      ],
      [
        ['t', 'next', 'win'],
        ['win', 'next', 'bday'],
        ['bday', 'next', 'end'],
        ['bday', 'missing', 'no-date'],
      ],
    );
    expect(journeySummary(j, registry)).toEqual({ messagesPerChannel: {}, longestStayMs: 7 * DAY + 386 * DAY, paths: 2 }); // a 农历 birthday comes round within 385 days
  });

  it('the shipped templates', () => {
    const catalog = new TemplateCatalog();
    const of = (id: string) => journeySummary(journeySchema.parse(catalog.instantiate(id, 'en')), registry);
    expect(of('winback-lost')).toEqual({ messagesPerChannel: { sms: 2 }, longestStayMs: 18 * DAY, paths: 3 });
    expect(of('new-buyer-care')).toEqual({ messagesPerChannel: { sms: 3 }, longestStayMs: 20 * DAY + 4 * 3_600_000, paths: 4 });
    expect(of('silent-reactivation')).toEqual({ messagesPerChannel: { email: 1, sms: 1 }, longestStayMs: 14 * DAY, paths: 2 });
    expect(of('birthday-greeting').messagesPerChannel).toEqual({ sms: 1 });
    // Three waves, one message each at most, on branches 2 × 2 × 4 (loyal customers: coupon issued or used up).
    expect(of('double11-waves')).toEqual({ messagesPerChannel: { email: 1, sms: 2 }, longestStayMs: 'unknown', paths: 16 });
    // Measured from a day before the first wave: until the third wave (2027-11-10 10:00 Shanghai), both waits included once.
    const now = Date.parse('2027-11-05T10:00:00+08:00');
    const double11 = journeySchema.parse(catalog.instantiate('double11-waves', 'en', { eventDate: '2027-11-11' }));
    expect(journeySummary(double11, registry, { now }).longestStayMs).toBe(5 * DAY);
    for (const t of catalog.list('en')) expect(Object.keys(of(t.id).messagesPerChannel).length).toBeGreaterThan(0);
  });
});
