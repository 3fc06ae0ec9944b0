import { describe, expect, it } from 'vitest';
import { broadcastDueEventType, calendarDueEventType, journeyLane, journeySchema, manualEnrolEventType, type JourneyInput } from '../../engine/index';
import { paymentReminder } from './fixtures';

function journeyWith(trigger: { type: string; config: Record<string, unknown> }, settings: JourneyInput['settings'] = {}) {
  return journeySchema.parse({
    id: 'j',
    name: 'j',
    nodes: [
      { id: 'trigger', ...trigger },
      { id: 'done', type: 'exit', config: {} },
    ],
    edges: [{ from: 'trigger', port: 'next', to: 'done' }],
    settings,
  });
}

describe('journeyLane: urgent work apart from bulk work', () => {
  it('puts a payment reminder (a customer’s own order) in the urgent lane, by its entry and by its triggers', () => {
    expect(journeyLane(paymentReminder(), 'order.created')).toBe('urgent');
    expect(journeyLane(paymentReminder())).toBe('urgent');
  });

  it('puts broadcasts, date triggers, facts changes and bulk enrolment in the bulk lane', () => {
    const broadcast = journeyWith({ type: 'trigger.broadcast', config: { at: '2026-11-11T00:00' } });
    expect(journeyLane(broadcast)).toBe('bulk');
    expect(journeyLane(broadcast, broadcastDueEventType)).toBe('bulk');
    const birthday = journeyWith({ type: 'trigger.date', config: {} });
    expect(journeyLane(birthday, calendarDueEventType)).toBe('bulk');
    const tierUp = journeyWith({ type: 'trigger.event', config: { eventType: 'customer.tier_changed' } });
    expect(journeyLane(tierUp)).toBe('bulk');
    expect(journeyLane(tierUp, 'customer.tier_changed')).toBe('bulk');
    expect(journeyLane(paymentReminder(), manualEnrolEventType)).toBe('bulk');
  });

  it('runs any journey the shop marks urgent in the urgent lane, however it is entered', () => {
    const broadcast = journeyWith({ type: 'trigger.broadcast', config: { at: '2026-11-11T00:00' } }, { urgent: true });
    expect(journeyLane(broadcast)).toBe('urgent');
    expect(journeyLane(broadcast, broadcastDueEventType)).toBe('urgent');
    expect(journeyLane(paymentReminder(), manualEnrolEventType)).toBe('bulk');
  });

  it('leaves a journey without the setting as it was parsed before the setting existed', () => {
    expect(paymentReminder().settings).not.toHaveProperty('urgent');
  });
});
