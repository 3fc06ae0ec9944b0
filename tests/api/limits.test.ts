import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../../engine/index';
import { DEFAULT_BODY_LIMIT, MAX_QUERY_CHARS, MAX_QUERY_PARAMS } from '../../server/http/limits';
import { exampleJourney } from '../support/journeys';
import { startStack, type Stack } from '../support/stack';

/** A raw request: the body as given (a string is sent as is), any headers. */
async function send(stack: Stack, path: string, body: string | undefined, headers: Record<string, string> = {}, method = 'POST') {
  const res = await fetch(stack.baseUrl + path, {
    method,
    headers: { authorization: `Bearer ${stack.token}`, 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

function deepCondition(levels: number): unknown {
  let c: unknown = { fact: 'event', path: '$.data.amount', operator: 'greaterThanInclusive', value: 500 };
  for (let i = 0; i < levels; i++) c = { all: [c] };
  return c;
}

describe('request limits', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  it('a journey with a 1,000-level nested condition: 400 naming the path where it got too deep, on save and on check', async () => {
    const journey = exampleJourney('payment-reminder', (j) => {
      j.nodes[3]!.config = { conditions: deepCondition(1000) };
    });
    for (const path of ['/api/journeys', '/api/journeys/validate']) {
      const r = await stack.api(path, { body: journey });
      expect(r.status).toBe(400);
      expect(r.body.error).toBe('too_deep');
      expect(r.body.problems).toHaveLength(1);
      expect(r.body.problems[0].path).toMatch(/^nodes\[3\]\.config\.conditions(\.all\[0\])+$/);
      expect(r.body.problems[0].message).toContain(`nested more than ${MAX_JSON_DEPTH} levels deep`);
    }
    expect((await stack.api(`/api/journeys/${journey.id}`)).status).toBe(404);
  });

  it('in the caller’s language, and for any JSON body (events here)', async () => {
    const r = await send(stack, '/api/events?locale=zh-CN', JSON.stringify({ type: 'x', data: JSON.parse('['.repeat(200) + ']'.repeat(200)) }));
    expect(r.status).toBe(400);
    expect(r.body.problems[0]).toMatchObject({ path: expect.stringMatching(/^data(\[0\])+$/), code: 'too_deep' });
    expect(r.body.problems[0].message).toContain(`嵌套超过 ${MAX_JSON_DEPTH} 层`);
  });

  it('bodies: 1 MB by default, 413 naming the body; a batch of events may be larger', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(DEFAULT_BODY_LIMIT) });
    const journeys = await send(stack, '/api/journeys', big);
    expect(journeys.status).toBe(413);
    expect(journeys.body).toMatchObject({ error: 'body_too_large', problems: [{ path: 'body', code: 'body_too_large' }] });
    expect(journeys.body.message).toBe('body: larger than the 1024 KB this endpoint accepts');
    // Two megabytes of events reach the route, which judges them (too many in one request here).
    const events = Array.from({ length: 1001 }, (_, i) => ({
      id: `e${i}`,
      type: 'order.created',
      customerId: 'c',
      occurredAt: new Date().toISOString(),
      data: { note: 'x'.repeat(2000) },
    }));
    const r = await send(stack, '/api/events', JSON.stringify(events));
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('too_many_events');
  });

  it('broken JSON and prototype keys: 400 naming the body', async () => {
    const broken = await send(stack, '/api/journeys', '{"id": ');
    expect(broken.status).toBe(400);
    expect(broken.body.problems[0].path).toBe('body');
    const poisoned = await send(stack, '/api/journeys', '{"id":"p","__proto__":{"admin":true}}');
    expect(poisoned.status).toBe(400);
    expect(poisoned.body.problems[0].path).toBe('body');
  });

  it('query strings: at most 2,048 characters and 32 parameters, 400 naming the query', async () => {
    const long = await stack.api(`/api/customers?search=${'a'.repeat(MAX_QUERY_CHARS)}`);
    expect(long.status).toBe(400);
    expect(long.body).toMatchObject({ error: 'query_too_large', problems: [{ path: 'query', code: 'too_long' }] });
    const many = await stack.api(`/api/customers?${Array.from({ length: MAX_QUERY_PARAMS + 1 }, (_, i) => `p${i}=1`).join('&')}`);
    expect(many.status).toBe(400);
    expect(many.body.problems).toEqual([{ path: 'query', code: 'too_many', message: `query: more than ${MAX_QUERY_PARAMS} parameters` }]);
    expect((await stack.api('/api/customers?limit=5')).status).toBe(200);
  });
});
