import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack';

// What the fuzz suite (tests/fuzz) found at the API, each kept as a plain example.
describe('requests the fuzz suite found answered badly', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  it('an empty batch of events: 400 naming the body (it was a bare 400 { accepted: [], rejected: [] })', async () => {
    const r = await stack.api('/api/events', { body: [] });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ error: 'no_events', problems: [{ path: 'body', code: 'no_events' }] });
  });

  it('a simulated customer with a fact named "": simulated (it was a 500 from the rule engine)', async () => {
    const journey = {
      id: 'unnamed-fact',
      name: 'Unnamed fact',
      nodes: [
        { id: 'start', type: 'trigger.event', config: { eventType: 'order.created' } },
        { id: 'split', type: 'condition', config: { conditions: { all: [{ fact: 'orderCount', operator: 'greaterThan', value: 1 }] } } },
        { id: 'end', type: 'exit' },
      ],
      edges: [
        { from: 'start', port: 'next', to: 'split' },
        { from: 'split', port: 'yes', to: 'end' },
        { from: 'split', port: 'no', to: 'end' },
      ],
    };
    const r = await stack.api('/api/simulate', {
      body: { journey, customer: { id: 'c-1', facts: { '': 1, orderCount: 2 } }, events: [{ at: '2026-01-01T00:00:00Z', type: 'order.created' }] },
    });
    expect(r.status).toBe(200);
    expect(r.body.steps.map((s: { outcome: string }) => s.outcome)).toEqual(['entered on order.created', 'yes', 'exit-node']);
  });
});
