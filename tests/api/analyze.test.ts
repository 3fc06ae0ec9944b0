import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentReminder } from '../support/journeys';
import { startStack, type Stack } from '../support/stack';

describe('POST /api/journeys/analyze', () => {
  let stack: Stack;
  beforeAll(async () => void (stack = await startStack()));
  afterAll(() => stack?.stop());

  it('returns the worst case for one customer of a journey document, storing nothing', async () => {
    const res = await stack.api('/api/journeys/analyze', { body: paymentReminder('PT25M') });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ summary: { messagesPerChannel: { sms: 1, task: 1 }, longestStayMs: 25 * 60_000, paths: 3 }, warnings: [] });
    expect((await stack.api('/api/journeys')).body.journeys).toEqual([]);
  });

  it('refuses a document with problems, naming them', async () => {
    const journey = paymentReminder();
    journey.nodes.find((n) => n.id === 'await-payment')!.config.timeout = '25 minutes';
    const res = await stack.api('/api/journeys/analyze', { body: journey });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_journey');
    expect(res.body.problems).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'nodes[1].config.timeout', nodeId: 'await-payment' })]));
    expect(res.body.message).toContain('timeout');
  });

  it('needs a token, lets an analyst analyse, and is in the OpenAPI document', async () => {
    expect((await stack.api('/api/journeys/analyze', { body: paymentReminder(), token: null })).status).toBe(401);
    const analyst = (await stack.api('/api/tokens', { body: { name: 'summary-reader', role: 'analyst' } })).body.token as string;
    expect((await stack.api('/api/journeys/analyze', { body: paymentReminder(), token: analyst })).status).toBe(200);
    const openapi = (await stack.api('/api/openapi.json')).body;
    expect(openapi.paths['/api/journeys/analyze'].post).toBeDefined();
    expect(openapi.components.schemas.JourneySummary).toBeDefined();
  });
});
