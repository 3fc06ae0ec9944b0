import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRegistry, journeySchema, messagingSettingsSchema, simulateJourney, type Journey, type MessagingSettings } from '../../engine/index';

const journey = journeySchema.parse(JSON.parse(readFileSync(join(import.meta.dirname, '../../examples/journeys/payment-reminder.json'), 'utf8')));
const customer = { id: 'c-1', name: '王芳', phone: '13800001234', facts: { orderCount: 2 } };

function run(
  events: { at: string; type: string; data?: Record<string, unknown> }[],
  options: { messaging?: Partial<MessagingSettings>; journey?: Journey; customer?: Record<string, unknown> } = {},
) {
  return simulateJourney({
    journey: options.journey ?? journey,
    registry: createRegistry(),
    customer: { ...customer, ...options.customer },
    events,
    from: '2026-11-01T00:00:00Z',
    until: '2026-11-30T00:00:00Z',
    messaging: messagingSettingsSchema.parse(options.messaging ?? {}),
    shopTimezone: 'Asia/Shanghai',
  });
}

describe('simulating the payment reminder on a virtual clock', () => {
  it('an unpaid small order: the SMS 25 minutes later, then the exit', async () => {
    const result = await run([{ at: '2026-11-10T02:00:00Z', type: 'order.created', data: { orderId: 'TB1', amount: 128 } }]);
    expect(result.steps).toEqual([
      { at: '2026-11-10T02:00:00.000Z', nodeId: 'trigger', outcome: 'entered on order.created' },
      { at: '2026-11-10T02:25:00.000Z', nodeId: 'await-payment', outcome: 'timeout' },
      { at: '2026-11-10T02:25:00.000Z', nodeId: 'high-value', outcome: 'no' },
      { at: '2026-11-10T02:25:00.000Z', nodeId: 'reminder-sms', outcome: 'next: sms sent' },
      { at: '2026-11-10T02:25:00.000Z', nodeId: 'done', outcome: 'exit-node' },
    ]);
    expect(result.messages).toEqual([
      { at: '2026-11-10T02:25:00.000Z', nodeId: 'reminder-sms', channel: 'sms', text: expect.stringContaining('王芳，您的订单TB1还未付款'), status: 'sent' },
    ]);
    expect(result).toMatchObject({ entered: true, exitedAt: '2026-11-10T02:25:00.000Z', reason: 'exit-node' });
  });

  it('paid after 10 minutes: no message, out through the paid exit at the payment time', async () => {
    const result = await run([
      { at: '2026-11-10T02:00:00Z', type: 'order.created', data: { orderId: 'TB1', amount: 128 } },
      { at: '2026-11-10T02:05:00Z', type: 'order.paid', data: { orderId: 'OTHER', amount: 5 } },
      { at: '2026-11-10T02:10:00Z', type: 'order.paid', data: { orderId: 'TB1', amount: 128 } },
    ]);
    expect(result.messages).toEqual([]);
    expect(result.steps.map((s) => [s.nodeId, s.outcome])).toEqual([
      ['trigger', 'entered on order.created'],
      ['await-payment', 'event order.paid'],
      ['paid', 'exit-node'],
    ]);
    expect(result.exitedAt).toBe('2026-11-10T02:10:00.000Z');
  });

  it('a high-value order becomes a staff task', async () => {
    const result = await run([{ at: '2026-11-10T02:00:00Z', type: 'order.created', data: { orderId: 'TB2', amount: 800 } }]);
    expect(result.messages).toEqual([expect.objectContaining({ channel: 'task', status: 'open', subject: '电话催付 TB2' })]);
  });

  it('honours quiet hours: an order at 22:00 Shanghai time gets its SMS held until 09:00', async () => {
    const result = await run([{ at: '2026-11-10T14:00:00Z', type: 'order.created', data: { orderId: 'TB3', amount: 128 } }], {
      messaging: { quietHours: { from: '21:00', to: '09:00', mode: 'hold' } },
    });
    expect(result.messages).toEqual([expect.objectContaining({ at: '2026-11-11T01:00:00.000Z', status: 'held', reason: 'quiet-hours' })]);
  });

  it('honours caps: a journey that sends twice in a day sends once under a 1-per-day SMS cap', async () => {
    const twice = structuredClone(journey);
    twice.nodes.push({ id: 'second-sms', type: 'message.send', config: { channel: 'sms', template: '再提醒一次' } });
    twice.edges = twice.edges.map((e) => (e.from === 'reminder-sms' ? { ...e, to: 'second-sms' } : e));
    twice.edges.push({ from: 'second-sms', port: 'next', to: 'done' });
    const result = await run([{ at: '2026-11-10T02:00:00Z', type: 'order.created', data: { orderId: 'TB4', amount: 128 } }], {
      journey: twice,
      messaging: { frequencyCaps: [{ channel: 'sms', max: 1, within: 'P1D' }] },
    });
    expect(result.messages.map((m) => m.status)).toEqual(['sent', 'capped']);
  });

  it('an event the trigger does not accept enrols nobody', async () => {
    const result = await run([{ at: '2026-11-10T02:00:00Z', type: 'order.paid', data: { orderId: 'TB5' } }]);
    expect(result).toEqual({ entered: false, steps: [], messages: [], exitedAt: null, reason: 'not-entered' });
  });

  it('stops at `until` with the customer still waiting, and says where', async () => {
    const result = await simulateJourney({
      journey,
      registry: createRegistry(),
      customer,
      events: [{ at: '2026-11-10T02:00:00Z', type: 'order.created', data: { orderId: 'TB6', amount: 128 } }],
      from: '2026-11-10T00:00:00Z',
      until: '2026-11-10T02:10:00Z',
      messaging: messagingSettingsSchema.parse({}),
      shopTimezone: 'Asia/Shanghai',
    });
    expect(result).toMatchObject({ entered: true, exitedAt: null, reason: 'still-inside', waitingAt: 'await-payment', messages: [] });
  });

  it('exit criteria take the customer out mid-wait', async () => {
    const withExit = structuredClone(journey);
    withExit.nodes[1]!.config = { ...withExit.nodes[1]!.config, timeout: 'P1D' };
    withExit.settings.exitWhen = [{ eventType: 'order.closed', sameOrder: true }];
    const result = await run(
      [
        { at: '2026-11-10T02:00:00Z', type: 'order.created', data: { orderId: 'TB7', amount: 128 } },
        { at: '2026-11-10T05:00:00Z', type: 'order.closed', data: { orderId: 'TB7' } },
      ],
      { journey: withExit },
    );
    expect(result).toMatchObject({ exitedAt: '2026-11-10T05:00:00.000Z', reason: 'exit-when order.closed', messages: [] });
  });
});
