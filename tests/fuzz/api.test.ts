import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleJourney } from '../support/journeys';
import { startStack, type Stack } from '../support/stack';
import { anyJson, brokenJourney, csvFile, customer, customerEvent, hostileString, queryString, simulatedEvents, wellFormedJourney } from './arbitraries';
import { fuzzParameters, fuzzTimeout } from './runs';

interface Answer {
  status: number;
  body: { error?: unknown; message?: unknown; problems?: unknown; rejected?: unknown } | undefined;
  text: string;
}

/** Statuses that are about the resource or the caller, not about a field of the request. */
const notAboutAField = new Set([401, 403, 404, 409]);

/**
 * Never a 5xx; a refusal says what and where: problems (or each rejected item's problems) with a
 * path, or a message that starts with the field it is about.
 */
function expectWellRefused(answer: Answer, what: string): void {
  expect(answer.status, `${what} → ${answer.status} ${answer.text.slice(0, 500)}`).toBeLessThan(500);
  if (answer.status < 400) return;
  const body = answer.body!;
  // A simulation out of budget is an answer, not a refusal: it names the limit that ran out.
  if (answer.status === 422 && body.error === 'simulation_budget') return;
  const rejected = Array.isArray(body.rejected) ? (body.rejected as { problems: unknown[] }[]).flatMap((r) => r.problems) : undefined;
  const problems = (body.problems ?? rejected) as { path: unknown; message: unknown }[] | undefined;
  if (!rejected) expect(typeof body.error, answer.text.slice(0, 300)).toBe('string');
  if (notAboutAField.has(answer.status)) return;
  if (problems && problems.length > 0) {
    for (const p of problems) {
      expect(typeof p.path, answer.text.slice(0, 300)).toBe('string');
      expect(typeof p.message).toBe('string');
    }
    return;
  }
  // A refusal of the whole request names what it is about first (`events:`, `the header (line 1)`…).
  expect(String(body.message), `${what}: a refusal without a path: ${answer.text.slice(0, 300)}`).toMatch(/^([\w.[\]-]+:|the header|the file|send )/);
}

describe('fuzz: the API answers generated requests without a 5xx, naming what is wrong', () => {
  let stack: Stack;
  let journeyId: string;
  let seq = 0;

  async function call(method: string, path: string, body?: string, contentType = 'application/json'): Promise<Answer> {
    const res = await fetch(stack.baseUrl + path, {
      method,
      headers: { authorization: `Bearer ${stack.token}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
      body,
    });
    const text = await res.text();
    let parsed: Answer['body'];
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, body: parsed, text };
  }

  beforeAll(async () => {
    stack = await startStack();
    const journey = exampleJourney('payment-reminder');
    journeyId = journey.id;
    expect((await stack.api('/api/journeys', { body: journey })).status).toBe(201);
  });
  afterAll(() => stack?.stop());

  it(
    'journey documents and raw bodies on every endpoint that takes JSON',
    async () => {
      const endpoints = [
        'POST /api/journeys/validate',
        'POST /api/journeys',
        'PUT /api/journeys/:id',
        'POST /api/journeys/analyze',
        'POST /api/templates/preview',
        'POST /api/coupons/campaigns',
        'POST /api/journeys/from-template',
        'POST /api/journeys/:id/enrol',
      ];
      const body = fc.oneof(
        { weight: 3, arbitrary: fc.oneof(wellFormedJourney, brokenJourney).map((doc) => JSON.stringify(doc)) },
        { weight: 1, arbitrary: anyJson.map((v) => JSON.stringify(v)) },
        {
          weight: 1,
          arbitrary: fc.oneof(
            hostileString,
            fc.constantFrom('{', '[1,', '{"a":1}}', 'null', '""', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}', '\uFEFF{}'),
          ),
        },
      );
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...endpoints), body, async (endpoint, text) => {
          const [method, route] = endpoint.split(' ') as [string, string];
          // Saved documents get ids of their own, so runs do not overwrite one another.
          const id = `fuzz-${++seq}`;
          const sent = route === '/api/journeys' ? text.replace('"fuzz-journey"', `"${id}"`) : text;
          expectWellRefused(await call(method, route.replace(':id', method === 'PUT' ? journeyId : id), sent), endpoint);
        }),
        fuzzParameters('api: journey documents'),
      );
    },
    fuzzTimeout('api: journey documents'),
  );

  it(
    'simulations: generated journeys, customers and events',
    async () => {
      const request = fc.record(
        {
          journey: fc.oneof(
            { weight: 4, arbitrary: wellFormedJourney },
            { weight: 1, arbitrary: brokenJourney },
            { weight: 1, arbitrary: fc.constantFrom(journeyId, 'no-such-journey', '') },
          ),
          customer: fc.oneof(customer, fc.constantFrom('c-1', ''), anyJson),
          events: fc.oneof(
            { weight: 4, arbitrary: simulatedEvents },
            { weight: 1, arbitrary: fc.array(customerEvent, { maxLength: 3 }) },
            { weight: 1, arbitrary: anyJson },
          ),
          from: fc.constantFrom('2026-01-01T00:00:00Z', '2025-12-01T00:00:00+08:00', 'soon'),
          until: fc.constantFrom('2026-01-02T00:00:00Z', '2026-03-01T00:00:00Z', '2027-02-04T00:00:00Z', '2030-01-01T00:00:00Z', '2025-01-01T00:00:00Z'),
        },
        { requiredKeys: ['journey', 'customer', 'events'] },
      );
      await fc.assert(
        fc.asyncProperty(request, fc.constantFrom('', '?locale=zh-CN'), async (body, query) => {
          const answer = await call('POST', `/api/simulate${query}`, JSON.stringify(body));
          expectWellRefused(answer, 'POST /api/simulate');
          if (answer.status === 422) expect(answer.body).toMatchObject({ error: 'simulation_budget', reason: 'budget' });
        }),
        fuzzParameters('api: simulations'),
      );
    },
    fuzzTimeout('api: simulations'),
  );

  it(
    'events: single events, batches, anything',
    async () => {
      const body = fc.oneof(customerEvent, fc.array(customerEvent, { maxLength: 5 }));
      await fc.assert(
        fc.asyncProperty(body, async (events) => {
          expectWellRefused(await call('POST', '/api/events', JSON.stringify(events)), 'POST /api/events');
        }),
        fuzzParameters('api: events'),
      );
    },
    fuzzTimeout('api: events'),
  );

  it(
    'CSV imports of each kind',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom('customers', 'orders', 'products'), csvFile, async (kind, text) => {
          expectWellRefused(await call('POST', `/api/import/${kind}`, text, 'text/csv'), `POST /api/import/${kind}`);
        }),
        fuzzParameters('api: CSV imports'),
      );
    },
    fuzzTimeout('api: CSV imports'),
  );

  it(
    'query strings on every endpoint that reads one',
    async () => {
      const endpoints = [
        '/api/customers',
        '/api/customers/c-1',
        '/api/messages',
        '/api/journeys',
        '/api/journeys/:id',
        '/api/journeys/:id/stats',
        '/api/journeys/:id/conversions',
        '/api/journeys/:id/versions',
        '/api/kpis',
        '/api/tags',
        '/api/templates',
        '/api/facts',
        '/api/node-types',
        '/api/coupons/campaigns',
        '/api/settings',
        '/api/tokens',
      ];
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...endpoints), queryString, async (endpoint, query) => {
          const path = endpoint.replace(':id', journeyId);
          expectWellRefused(await call('GET', `${path}?${query}`), `GET ${endpoint}?${query}`);
        }),
        fuzzParameters('api: query strings'),
      );
    },
    fuzzTimeout('api: query strings'),
  );
});
