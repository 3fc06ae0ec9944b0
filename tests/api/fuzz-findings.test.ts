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

  it('an event whose id holds U+0000: 400 naming the field (it was a 500 from the database)', async () => {
    const event = { id: 'e-\u0000', type: 'page.viewed', customerId: 'c-1', occurredAt: '2026-03-10T15:34:37.675Z', data: {} };
    const single = await stack.api('/api/events', { body: event });
    expect(single.status).toBe(400);
    expect(single.body).toMatchObject({ error: 'nul_character', problems: [{ path: 'id', code: 'nul_character' }] });
    const batch = await stack.api('/api/events', { body: [{ ...event, id: 'e-1', data: { 'note\u0000': 1 } }] });
    expect(batch.status).toBe(400);
    expect(batch.body.problems[0].path).toBe('[0].data.note\u0000');
  });

  it('%00 in a query or path parameter: 400 naming it (it was a 500 from the database)', async () => {
    const query = await stack.api('/api/customers?tag=%00');
    expect(query.status).toBe(400);
    expect(query.body).toMatchObject({ error: 'nul_character', problems: [{ path: 'query.tag', code: 'nul_character' }] });
    const param = await stack.api('/api/customers/c%00');
    expect(param.status).toBe(400);
    expect(param.body.problems[0].path).toBe('params.id');
    expect((await stack.api('/api/customers?tag=vip')).status).toBe(200);
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
