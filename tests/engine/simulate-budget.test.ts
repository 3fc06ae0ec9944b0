import { describe, expect, it } from 'vitest';
import {
  budgetMessage,
  createRegistry,
  journeySchema,
  messagingSettingsSchema,
  simulateJourney,
  validateJourney,
  type SimulationBudget,
} from '../../engine/index';
import { journeyDocument } from './fixtures';

// The journey of the report: a message every second, for as long as the simulation lasts
// (a valid journey: the loop has a wait).
const everySecond = journeyDocument(
  [
    { id: 'start', type: 'trigger.event', config: { eventType: 'order.created' } },
    { id: 'tick', type: 'wait', config: { duration: 'PT1S' } },
    { id: 'nudge', type: 'message.send', config: { channel: 'task', template: 'again' } },
  ],
  [
    ['start', 'next', 'tick'],
    ['tick', 'next', 'nudge'],
    ['nudge', 'next', 'tick'],
  ],
);

function run(budget: Partial<SimulationBudget>, wallClock?: () => number) {
  return simulateJourney({
    journey: journeySchema.parse(everySecond),
    registry: createRegistry(),
    customer: { id: 'c-1', facts: {} },
    events: [{ at: '2026-01-01T00:00:00Z', type: 'order.created', data: { orderId: 'o-1' } }],
    from: '2026-01-01T00:00:00Z',
    until: '2027-02-05T00:00:00Z', // 400 days: some 69 million steps without a budget
    messaging: messagingSettingsSchema.parse({}),
    shopTimezone: 'Asia/Shanghai',
    budget,
    wallClock,
  });
}

describe('the simulation budget', () => {
  it('the journey is valid: only the budget stops it', () => {
    expect(validateJourney(everySecond, createRegistry()).problems).toEqual([]);
  });

  it('stops at the default budget with the timeline so far and the limit that ran out', async () => {
    const result = await run({});
    // A message a second: the message limit runs out first, some 17 minutes into the 400 days.
    expect(result).toMatchObject({ entered: true, reason: 'budget', exitedAt: null, waitingAt: 'tick', budget: { limit: 'messages', max: 1000 } });
    expect(result.messages).toHaveLength(1001);
    expect(result.steps[0]).toMatchObject({ nodeId: 'start', outcome: 'entered on order.created' });
    expect(result.steps.at(-1)).toMatchObject({ at: '2026-01-01T00:16:41.000Z', nodeId: 'nudge' });
    const steps = await run({ messages: 1e9 });
    expect(steps.budget).toEqual({ limit: 'steps', max: 5000 });
    expect(steps.steps).toHaveLength(5001);
  });

  it('each limit stops the run on its own', async () => {
    const huge = { steps: 1e9, messages: 1e9, clockMoves: 1e9, wallMs: 1e9, responseBytes: 1e12 };
    expect((await run({ ...huge, messages: 10 })).budget).toEqual({ limit: 'messages', max: 10 });
    expect((await run({ ...huge, messages: 10 })).messages).toHaveLength(11);
    expect((await run({ ...huge, clockMoves: 7 })).budget).toEqual({ limit: 'clockMoves', max: 7 });
    const small = await run({ ...huge, responseBytes: 2000 });
    expect(small.budget).toEqual({ limit: 'responseBytes', max: 2000 });
    expect(JSON.stringify([...small.steps, ...small.messages]).length).toBeGreaterThan(2000);
    expect(JSON.stringify([...small.steps, ...small.messages]).length).toBeLessThan(2500);
  });

  it('real time: a clock that jumps a second per reading stops it at the wall-time limit', async () => {
    let t = 0;
    const result = await run({ steps: 1e9, messages: 1e9, clockMoves: 1e9, responseBytes: 1e12, wallMs: 3000 }, () => (t += 1000));
    expect(result.budget).toEqual({ limit: 'wallMs', max: 3000 });
    expect(result.steps.length).toBeGreaterThan(0);
  });

  it('a run within the budget ends as before', async () => {
    const result = await simulateJourney({
      journey: journeySchema.parse(everySecond),
      registry: createRegistry(),
      customer: { id: 'c-1', facts: {} },
      events: [{ at: '2026-01-01T00:00:00Z', type: 'order.created' }],
      from: '2026-01-01T00:00:00Z',
      until: '2026-01-01T00:00:10Z',
      messaging: messagingSettingsSchema.parse({}),
      shopTimezone: 'Asia/Shanghai',
    });
    expect(result.reason).toBe('still-inside');
    expect(result.budget).toBeUndefined();
    expect(result.messages).toHaveLength(10);
  });

  it('says which limit ran out in both languages', () => {
    expect(budgetMessage('en', 'steps', 5000)).toContain('more than 5000 steps');
    expect(budgetMessage('zh-CN', 'wallMs', 5000)).toContain('超过 5 秒');
  });
});
