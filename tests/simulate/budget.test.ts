import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueId } from '../support/journeys';
import { startStack, type Stack } from '../support/stack';

// The report's journey: a message every second, simulated over the longest period allowed.
const everySecond = () => ({
  id: uniqueId('every-second'),
  name: 'Every second',
  nodes: [
    { id: 'start', type: 'trigger.event', config: { eventType: 'order.created' } },
    { id: 'tick', type: 'wait', config: { duration: 'PT1S' } },
    { id: 'nudge', type: 'message.send', config: { channel: 'task', template: 'again' } },
  ],
  edges: [
    { from: 'start', port: 'next', to: 'tick' },
    { from: 'tick', port: 'next', to: 'nudge' },
    { from: 'nudge', port: 'next', to: 'tick' },
  ],
});

describe('POST /api/simulate within a budget', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  it('a loop with a one-second wait over 400 days: 422 with the limit that ran out and the timeline so far', async () => {
    const body = {
      journey: everySecond(),
      customer: { id: 'sim-1' },
      events: [{ at: '2026-01-01T00:00:00Z', type: 'order.created', data: { orderId: 'o-1' } }],
      until: '2027-02-05T00:00:00Z',
    };
    const r = await stack.api('/api/simulate?locale=zh-CN', { body });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ error: 'simulation_budget', limit: 'messages', max: 1000, entered: true, reason: 'budget', waitingAt: 'tick' });
    expect(r.body.message).toContain('模拟在 超过 1000 条消息 后停止');
    expect(r.body.messages).toHaveLength(1001);
    expect(r.body.steps[0]).toMatchObject({ nodeId: 'start', outcome: 'entered on order.created' });
    expect(r.body.steps.at(-1)).toMatchObject({ at: '2026-01-01T00:16:41.000Z', nodeId: 'nudge' });
  });

  it('a short period of the same journey: 200 as before', async () => {
    const r = await stack.api('/api/simulate', {
      body: {
        journey: everySecond(),
        customer: { id: 'sim-1' },
        events: [{ at: '2026-01-01T00:00:00Z', type: 'order.created' }],
        until: '2026-01-01T00:00:30Z',
      },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ reason: 'still-inside' });
    expect(r.body.messages).toHaveLength(30);
  });
});
