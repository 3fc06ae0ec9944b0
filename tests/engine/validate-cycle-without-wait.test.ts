import { describe, expect, it } from 'vitest';
import { createRegistry, validateJourney } from '../../engine/index';
import { journeyDocument, located, type NodeInput } from './fixtures';

const registry = createRegistry();
const trigger: NodeInput = { id: 'start', type: 'trigger.event' };
const check: NodeInput = {
  id: 'check',
  type: 'condition',
  config: { conditions: { all: [{ fact: 'orderAmount', operator: 'greaterThan', value: 0 }] } },
};
const nudge: NodeInput = { id: 'nudge', type: 'message.send', config: { channel: 'sms', template: '请付款' } };
const done: NodeInput = { id: 'done', type: 'exit' };

describe('validateJourney: cycle_without_wait', () => {
  it('refuses a loop condition → send → condition that has no wait', () => {
    const doc = journeyDocument(
      [trigger, check, nudge, done],
      [
        ['start', 'next', 'check'],
        ['check', 'yes', 'nudge'],
        ['nudge', 'next', 'check'],
        ['check', 'no', 'done'],
      ],
    );
    const result = validateJourney(doc, registry);
    expect(located(result.problems)).toEqual([{ code: 'cycle_without_wait', path: 'nodes[1]', nodeId: 'check' }]);
    expect(result.problems[0]?.message).toContain('check → nudge');
  });

  it('accepts the same loop with a wait node in it', () => {
    const pause: NodeInput = { id: 'pause', type: 'wait', config: { duration: 'P1D' } };
    const doc = journeyDocument(
      [trigger, check, nudge, pause, done],
      [
        ['start', 'next', 'check'],
        ['check', 'yes', 'nudge'],
        ['nudge', 'next', 'pause'],
        ['pause', 'next', 'check'],
        ['check', 'no', 'done'],
      ],
    );
    const result = validateJourney(doc, registry);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('accepts a loop whose wait is a wait-for-event step', () => {
    const awaitPay: NodeInput = { id: 'await-pay', type: 'wait.event', config: { eventType: 'order.paid', timeout: 'P1D' } };
    const doc = journeyDocument(
      [trigger, awaitPay, nudge, done],
      [
        ['start', 'next', 'await-pay'],
        ['await-pay', 'timeout', 'nudge'],
        ['nudge', 'next', 'await-pay'],
        ['await-pay', 'event', 'done'],
      ],
    );
    expect(validateJourney(doc, registry).problems).toEqual([]);
  });

  it('refuses a condition linked to itself', () => {
    const doc = journeyDocument(
      [trigger, check, done],
      [
        ['start', 'next', 'check'],
        ['check', 'yes', 'check'],
        ['check', 'no', 'done'],
      ],
    );
    expect(located(validateJourney(doc, registry).problems)).toEqual([{ code: 'cycle_without_wait', path: 'nodes[1]', nodeId: 'check' }]);
  });
});
