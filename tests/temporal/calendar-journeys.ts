import { journeySchema, type Journey } from '../../engine/index';

/**
 * Journeys of the calendar waits and splits, shared by calendar-waits.test.ts and
 * record-histories.ts. Built through journeySchema so that defaults the schema adds are filled.
 */

type NodeSpec = { id: string; type: string; config?: Record<string, unknown> };

function journey(id: string, name: string, nodes: NodeSpec[], edges: [string, string, string][]): Journey {
  return journeySchema.parse({
    schemaVersion: 1,
    id,
    name,
    status: 'draft',
    version: 0,
    nodes: nodes.map((n) => ({ config: {}, ...n })),
    edges: edges.map(([from, port, to]) => ({ from, port, to })),
    settings: { timezone: 'Asia/Shanghai', reEntry: 'never' },
  });
}

const trigger: NodeSpec = { id: 'trigger', type: 'trigger.event', config: { eventType: 'order.created', perOrder: true } };
const sms = (id: string, template: string): NodeSpec => ({ id, type: 'message.send', config: { channel: 'sms', template } });
const done: NodeSpec = { id: 'done', type: 'exit' };

/** Order → wait for the window → SMS → done. */
export function windowJourney(id: string, window: { from: string; to: string; weekdays?: number[]; days?: 'any' | 'working' | 'off' }): Journey {
  return journey(
    id,
    '营业时间内提醒 Reminder in opening hours',
    [trigger, { id: 'in-hours', type: 'wait.window', config: window }, sms('reminder-sms', '亲爱的{{customer.name}}，您的订单{{order.id}}已收到。'), done],
    [
      ['trigger', 'next', 'in-hours'],
      ['in-hours', 'next', 'reminder-sms'],
      ['reminder-sms', 'next', 'done'],
    ],
  );
}

/** Order → the day before the birthday at 10:00 → SMS → done; no birthday → no-birthday. */
export function birthdayJourney(id: string): Journey {
  return journey(
    id,
    '生日前一天祝福 Birthday eve greeting',
    [
      trigger,
      { id: 'birthday-eve', type: 'wait.date', config: { date: 'birthday', offsetDays: -1, at: '10:00' } },
      sms('birthday-sms', '亲爱的{{customer.name}}，明天是您的生日，提前祝您生日快乐！'),
      done,
      { id: 'no-birthday', type: 'exit' },
    ],
    [
      ['trigger', 'next', 'birthday-eve'],
      ['birthday-eve', 'next', 'birthday-sms'],
      ['birthday-eve', 'missing', 'no-birthday'],
      ['birthday-sms', 'next', 'done'],
    ],
  );
}

/** Order → until a local date-time in the shop's zone → SMS → done. */
export function untilJourney(id: string, dateTime: string): Journey {
  return journey(
    id,
    '活动开始提醒 Sale start reminder',
    [trigger, { id: 'sale-start', type: 'wait.until', config: { dateTime, zone: 'shop' } }, sms('sale-sms', '亲爱的{{customer.name}}，大促开始啦。'), done],
    [
      ['trigger', 'next', 'sale-start'],
      ['sale-start', 'next', 'sale-sms'],
      ['sale-sms', 'next', 'done'],
    ],
  );
}

/** Order → by amount: big (≥ 1000) staff task, mid (≥ 200) SMS, else done at once. */
export function amountSplitJourney(id: string): Journey {
  const atLeast = (value: number) => ({ all: [{ fact: 'event', path: '$.data.amount', operator: 'greaterThanInclusive', value }] });
  return journey(
    id,
    '按金额分流 Split by amount',
    [
      trigger,
      {
        id: 'by-amount',
        type: 'split.multi',
        config: {
          branches: [
            { key: 'big', label: '大单', conditions: atLeast(1000) },
            { key: 'mid', label: '中单', conditions: atLeast(200) },
          ],
        },
      },
      { id: 'call-task', type: 'message.send', config: { channel: 'task', subject: '大单回访', template: '请回访订单{{order.id}}。' } },
      sms('thanks-sms', '亲爱的{{customer.name}}，感谢您的订单{{order.id}}。'),
      done,
    ],
    [
      ['trigger', 'next', 'by-amount'],
      ['by-amount', 'big', 'call-task'],
      ['by-amount', 'mid', 'thanks-sms'],
      ['by-amount', 'else', 'done'],
      ['call-task', 'next', 'done'],
      ['thanks-sms', 'next', 'done'],
    ],
  );
}

/** Order → random split a / b with a holdout → SMS a or SMS b → done; holdout → held-out. */
export function randomSplitJourney(id: string, holdoutPercent = 20): Journey {
  return journey(
    id,
    '随机分流测试 A/B test',
    [
      trigger,
      {
        id: 'ab',
        type: 'split.random',
        config: {
          arms: [
            { key: 'a', label: 'A', weight: 50 },
            { key: 'b', label: 'B', weight: 50 },
          ],
          holdoutPercent,
        },
      },
      sms('sms-a', '亲爱的{{customer.name}}，A 方案。'),
      sms('sms-b', '亲爱的{{customer.name}}，B 方案。'),
      done,
      { id: 'held-out', type: 'exit' },
    ],
    [
      ['trigger', 'next', 'ab'],
      ['ab', 'a', 'sms-a'],
      ['ab', 'b', 'sms-b'],
      ['ab', 'holdout', 'held-out'],
      ['sms-a', 'next', 'done'],
      ['sms-b', 'next', 'done'],
    ],
  );
}

const DAY = 86_400_000;

/** The first Monday 00:00 UTC at least a day after `ms`: a fixed weekday and hour to start from. */
export function nextMondayUtc(ms: number): number {
  const day = Math.floor(ms / DAY) * DAY + DAY;
  const weekday = new Date(day).getUTCDay(); // 0 Sunday … 6 Saturday
  return day + ((8 - weekday) % 7) * DAY;
}
