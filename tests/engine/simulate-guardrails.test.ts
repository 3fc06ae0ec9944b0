import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createRegistry,
  journeySchema,
  messagingSettingsSchema,
  simulateJourney,
  simulatedServices,
  type Journey,
  type MessageGuard,
  type MessagingSettings,
  type SimulatedMessage,
} from '../../engine/index';

const reminder = journeySchema.parse(JSON.parse(readFileSync(join(import.meta.dirname, '../../examples/journeys/payment-reminder.json'), 'utf8')));

/** The payment reminder with a second SMS right after the first. */
function sendsTwice(settings: Partial<Journey['settings']> = {}): Journey {
  const twice = structuredClone(reminder);
  twice.nodes.push({ id: 'second-sms', type: 'message.send', config: { channel: 'sms', template: '再提醒一次' } });
  twice.edges = twice.edges.map((e) => (e.from === 'reminder-sms' ? { ...e, to: 'second-sms' } : e));
  twice.edges.push({ from: 'second-sms', port: 'next', to: 'done' });
  twice.settings = { ...twice.settings, ...settings };
  return twice;
}

const run = (journey: Journey, messaging: Partial<MessagingSettings>) =>
  simulateJourney({
    journey,
    registry: createRegistry(),
    customer: { id: 'c-1', name: '王芳', phone: '13800001234', facts: { orderCount: 2 } },
    events: [{ at: '2026-11-10T02:00:00Z', type: 'order.created', data: { orderId: 'TB1', amount: 128 } }],
    from: '2026-11-01T00:00:00Z',
    until: '2026-11-30T00:00:00Z',
    messaging: messagingSettingsSchema.parse(messaging),
    shopTimezone: 'Asia/Shanghai',
  });

/** A simulation decides each message with the outbox's guard decision, send rate and arbitration included. */
describe('guardrails in a simulation are the outbox’s', () => {
  it("paces the journey to its send rate: the second SMS waits for the next hour's window", async () => {
    const result = await run(sendsTwice({ sendRate: { max: 1, per: 'PT1H' } }), {});
    expect(result.messages.map((m) => [m.nodeId, m.status, m.at, m.reason])).toEqual([
      ['reminder-sms', 'sent', '2026-11-10T02:25:00.000Z', undefined],
      ['second-sms', 'held', '2026-11-10T03:00:00.000Z', 'send-rate'],
    ]);
    expect(result.steps.find((s) => s.nodeId === 'second-sms')?.outcome).toBe('next: sms held');
  });

  it('on a channel with a cap, a message goes when the arbitration window has passed', async () => {
    const result = await run(sendsTwice(), { frequencyCaps: [{ channel: 'sms', max: 2, within: 'P1D' }], arbitrationSeconds: 90 });
    expect(result.messages.map((m) => [m.status, m.at])).toEqual([
      ['sent', '2026-11-10T02:26:30.000Z'],
      ['sent', '2026-11-10T02:26:30.000Z'],
    ]);
  });

  it('a message of higher priority within the window takes the place of a pending lower one', async () => {
    const messages: SimulatedMessage[] = [];
    let now = Date.parse('2026-11-10T02:00:00Z');
    const services = simulatedServices({
      clock: () => now,
      messaging: messagingSettingsSchema.parse({ frequencyCaps: [{ channel: 'sms', max: 1, within: 'P1D' }] }),
      shopTimezone: 'Asia/Shanghai',
      customer: { id: 'c-1' },
      messages,
      notes: () => {},
    });
    const send = (journeyId: string, priority: number) => {
      const guard: MessageGuard = { category: 'marketing', priority, quietHours: 'shop', timezone: 'Asia/Shanghai' };
      return services.dispatchMessage({
        idempotencyKey: `${journeyId}/1`,
        channel: 'sms',
        recipient: '13800001234',
        text: journeyId,
        journeyId,
        journeyVersion: 1,
        nodeId: 'sms',
        customerId: 'c-1',
        guard,
      });
    };
    await send('newsletter', 2);
    now += 20_000;
    await send('winback', 8);
    expect(messages.map((m) => [m.text, m.status, m.at])).toEqual([
      ['newsletter', 'capped', '2026-11-10T02:01:00.000Z'],
      ['winback', 'sent', '2026-11-10T02:01:20.000Z'],
    ]);
    expect(messages[0]!.reason).toBe('frequency cap: gave way to a message of higher priority (winback)');
    // Once it has gone out, a message keeps its place against any priority.
    now += 5 * 60_000;
    expect((await send('vip', 10)).status).toBe('capped');
  });
});
