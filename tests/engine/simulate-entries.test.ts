import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRegistry, journeySchema, messagingSettingsSchema, simulateJourney, type Journey } from '../../engine/index';

// order.created (one enrolment per order) → wait 25 minutes for order.paid of the same order → SMS.
const paymentReminder = journeySchema.parse(JSON.parse(readFileSync(join(import.meta.dirname, '../../examples/journeys/payment-reminder.json'), 'utf8')));
const customer = { id: 'c-1', name: '王芳', phone: '13800001234', facts: { orderCount: 2 } };
const order = (at: string, orderId: string, type = 'order.created') => ({ at, type, data: { orderId, amount: 128 } });

function run(events: { at: string; type: string; data?: Record<string, unknown> }[], journey: Journey = paymentReminder) {
  return simulateJourney({
    journey,
    registry: createRegistry(),
    customer,
    events,
    from: '2026-11-01T00:00:00Z',
    until: '2026-11-30T00:00:00Z',
    messaging: messagingSettingsSchema.parse({}),
    shopTimezone: 'Asia/Shanghai',
  });
}

/** The payment reminder enrolling once per customer (not per order), with the given re-entry rule. */
function perCustomer(reEntry: Journey['settings']['reEntry'], reEntryCooldown?: string): Journey {
  const journey = structuredClone(paymentReminder);
  journey.nodes[0]!.config = { ...journey.nodes[0]!.config, perOrder: false };
  journey.settings.reEntry = reEntry;
  if (reEntryCooldown) journey.settings.reEntryCooldown = reEntryCooldown;
  return journey;
}

describe('simulation enrols as the event router does', () => {
  it('two unpaid orders give two reminders, one per order, each from its own enrolment', async () => {
    const result = await run([order('2026-11-10T02:00:00Z', 'TB1'), order('2026-11-10T02:10:00Z', 'TB2')]);
    expect(result.messages.map((m) => [m.at, m.enrolment, m.text.includes('TB1') ? 'TB1' : m.text.includes('TB2') ? 'TB2' : '?'])).toEqual([
      ['2026-11-10T02:25:00.000Z', 1, 'TB1'],
      ['2026-11-10T02:35:00.000Z', 2, 'TB2'],
    ]);
    // Both timelines, merged in time order.
    expect(result.steps.map((s) => [s.at.slice(11, 16), s.enrolment, s.nodeId, s.outcome])).toEqual([
      ['02:00', 1, 'trigger', 'entered on order.created'],
      ['02:10', 2, 'trigger', 'entered on order.created'],
      ['02:25', 1, 'await-payment', 'timeout'],
      ['02:25', 1, 'high-value', 'no'],
      ['02:25', 1, 'reminder-sms', 'next: sms sent'],
      ['02:25', 1, 'done', 'exit-node'],
      ['02:35', 2, 'await-payment', 'timeout'],
      ['02:35', 2, 'high-value', 'no'],
      ['02:35', 2, 'reminder-sms', 'next: sms sent'],
      ['02:35', 2, 'done', 'exit-node'],
    ]);
    expect(result).toMatchObject({ entered: true, exitedAt: '2026-11-10T02:35:00.000Z', reason: 'exit-node' });
    expect(result.enrolments).toEqual([
      { enrolment: 1, entryKey: 'TB1', enteredAt: '2026-11-10T02:00:00.000Z', exitedAt: '2026-11-10T02:25:00.000Z', reason: 'exit-node' },
      { enrolment: 2, entryKey: 'TB2', enteredAt: '2026-11-10T02:10:00.000Z', exitedAt: '2026-11-10T02:35:00.000Z', reason: 'exit-node' },
    ]);
  });

  it('of two orders, the one paid in time gets no reminder', async () => {
    const result = await run([order('2026-11-10T02:00:00Z', 'TB1'), order('2026-11-10T02:05:00Z', 'TB2'), order('2026-11-10T02:10:00Z', 'TB1', 'order.paid')]);
    expect(result.messages).toEqual([expect.objectContaining({ at: '2026-11-10T02:30:00.000Z', enrolment: 2, text: expect.stringContaining('TB2') })]);
    expect(result.enrolments).toEqual([
      expect.objectContaining({ enrolment: 1, entryKey: 'TB1', exitedAt: '2026-11-10T02:10:00.000Z', reason: 'exit-node' }),
      expect.objectContaining({ enrolment: 2, entryKey: 'TB2', exitedAt: '2026-11-10T02:30:00.000Z', reason: 'exit-node' }),
    ]);
    expect(result.steps.filter((s) => s.enrolment === 1).map((s) => s.outcome)).toEqual(['entered on order.created', 'event order.paid', 'exit-node']);
  });

  it('the same order created twice enrols once: the running enrolment hears the second event', async () => {
    const result = await run([order('2026-11-10T02:00:00Z', 'TB1'), order('2026-11-10T02:01:00Z', 'TB1')]);
    expect(result.enrolments).toBeUndefined();
    expect(result.messages).toHaveLength(1);
  });

  it('with one enrolment the result has the shape it always had (no enrolment fields)', async () => {
    const result = await run([order('2026-11-10T02:00:00Z', 'TB1')]);
    expect(result.enrolments).toBeUndefined();
    expect(result.steps.every((s) => !('enrolment' in s))).toBe(true);
    expect(result.messages.every((m) => !('enrolment' in m))).toBe(true);
  });

  it('re-entry "never": a customer who left does not enter again, nor while inside', async () => {
    const result = await run(
      [order('2026-11-10T02:00:00Z', 'TB1'), order('2026-11-10T02:10:00Z', 'TB2'), order('2026-11-12T02:00:00Z', 'TB3')],
      perCustomer('never'),
    );
    expect(result.enrolments).toBeUndefined();
    expect(result.steps.filter((s) => s.outcome.startsWith('entered'))).toHaveLength(1);
    expect(result.messages).toHaveLength(1);
  });

  it('re-entry "after-exit": again after leaving, not while inside', async () => {
    const result = await run(
      [order('2026-11-10T02:00:00Z', 'TB1'), order('2026-11-10T02:10:00Z', 'TB2'), order('2026-11-10T03:00:00Z', 'TB3')],
      perCustomer('after-exit'),
    );
    expect(result.enrolments?.map((e) => [e.enrolment, e.enteredAt, e.exitedAt])).toEqual([
      [1, '2026-11-10T02:00:00.000Z', '2026-11-10T02:25:00.000Z'],
      [2, '2026-11-10T03:00:00.000Z', '2026-11-10T03:25:00.000Z'],
    ]);
    expect(result.messages.map((m) => m.enrolment)).toEqual([1, 2]);
  });

  it('re-entry "cooldown": not before the cool-down after the exit has passed', async () => {
    const result = await run(
      [order('2026-11-10T02:00:00Z', 'TB1'), order('2026-11-10T12:00:00Z', 'TB2'), order('2026-11-11T02:24:00Z', 'TB3'), order('2026-11-11T02:25:00Z', 'TB4')],
      perCustomer('cooldown', 'P1D'),
    );
    // Left at 02:25 on the 10th: TB2 and TB3 come within a day of it, TB4 exactly a day after.
    expect(result.enrolments?.map((e) => [e.enrolment, e.enteredAt])).toEqual([
      [1, '2026-11-10T02:00:00.000Z'],
      [2, '2026-11-11T02:25:00.000Z'],
    ]);
    expect(result.messages.map((m) => m.text.match(/TB\d/)?.[0])).toEqual(['TB1', 'TB4']);
  });

  it('several enrolments: still inside at `until` when any is, and says where', async () => {
    const result = await simulateJourney({
      journey: paymentReminder,
      registry: createRegistry(),
      customer,
      events: [order('2026-11-10T02:00:00Z', 'TB1'), order('2026-11-10T02:20:00Z', 'TB2')],
      from: '2026-11-10T00:00:00Z',
      until: '2026-11-10T02:30:00Z',
      messaging: messagingSettingsSchema.parse({}),
      shopTimezone: 'Asia/Shanghai',
    });
    expect(result).toMatchObject({ exitedAt: null, reason: 'still-inside', waitingAt: 'await-payment' });
    expect(result.enrolments?.map((e) => [e.entryKey, e.reason, e.waitingAt])).toEqual([
      ['TB1', 'exit-node', undefined],
      ['TB2', 'still-inside', 'await-payment'],
    ]);
  });
});
