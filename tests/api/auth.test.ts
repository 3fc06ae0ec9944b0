import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack';

describe('API authentication', () => {
  let stack: Stack;
  beforeAll(async () => void (stack = await startStack()));
  afterAll(() => stack?.stop());

  it.each([
    ['GET', '/api/journeys'],
    ['POST', '/api/journeys'],
    ['POST', '/api/events'],
    ['GET', '/api/messages'],
    ['GET', '/api/node-types'],
    ['GET', '/api/openapi.json'],
    ['POST', '/api/journeys/x/publish'],
  ])('refuses %s %s without a token', async (method, path) => {
    const res = await stack.api(path, { method, token: null, ...(method === 'POST' ? { body: {} } : {}) });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('unauthorized');
  });

  it('refuses a wrong token', async () => {
    const res = await stack.api('/api/journeys', { token: `${stack.token}x` });
    expect(res.status).toBe(401);
  });

  it('answers health without a token, reporting database and Temporal', async () => {
    const res = await stack.api('/api/health', { token: null });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, database: 'ok', temporal: 'ok' });
  });

  it('accepts the token', async () => {
    const res = await stack.api('/api/journeys');
    expect(res.status).toBe(200);
    expect(res.body.journeys).toEqual([]);
  });
});
