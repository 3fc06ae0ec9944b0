import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../support/raw-http';
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

  describe('decided on the route Fastify matched, not on the URL text', () => {
    let marketer: string;
    let analyst: string;
    beforeAll(async () => {
      marketer = (await stack.api('/api/tokens', { body: { name: 'campaigns', role: 'marketer' } })).body.token;
      analyst = (await stack.api('/api/tokens', { body: { name: 'reports', role: 'analyst' } })).body.token;
    });
    const raw = (method: string, path: string, token: string | null, body?: unknown) => rawRequest(stack.baseUrl, method, path, { token, body });

    it("tells each token who it is: role, name and id (none for the installation's own), and a revoked token nothing", async () => {
      expect((await stack.api('/api/session')).body).toEqual({ role: 'admin', name: 'installation token', tokenId: null });
      const listed = (await stack.api('/api/tokens')).body.tokens as { id: string; name: string }[];
      const mine = (await stack.api('/api/session', { token: marketer })).body;
      expect(mine).toEqual({ role: 'marketer', name: 'campaigns', tokenId: listed.find((t) => t.name === 'campaigns')!.id });
      expect((await stack.api('/api/session', { token: analyst })).body).toMatchObject({ role: 'analyst', name: 'reports' });
      const temp = await stack.api('/api/tokens', { body: { name: 'temporary', role: 'marketer' } });
      await stack.api(`/api/tokens/${temp.body.id}`, { method: 'DELETE' });
      expect((await stack.api('/api/session', { token: temp.body.token })).status).toBe(401);
    });

    it('refuses an encoded spelling of a route without a token', async () => {
      const read = await raw('GET', '/%61pi/journeys', null);
      expect(read.status).toBe(401);
      expect(read.body.error).toBe('unauthorized');
      const mint = await raw('POST', '/%61pi/tokens', null, { name: 'x', role: 'admin' });
      expect(mint.status).toBe(401);
      expect((await stack.api('/api/tokens')).body.tokens.map((t: { name: string }) => t.name)).not.toContain('x');
    });

    it('refuses a marketer the admin routes under any spelling, naming the route and the role it needs', async () => {
      for (const [method, path, body] of [
        ['GET', '/api/%74okens'],
        ['POST', '/api/%74okens', { name: 'x', role: 'admin' }],
        ['PUT', '/api/%73ettings', {}],
        ['POST', '/API/Facts/Refresh'],
        ['POST', '/api/journeys/../calendar/run'],
      ] as [string, string, unknown?][]) {
        const res = await raw(method, path, marketer, body);
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.body.message).toMatch(/needs the admin role; this token's role is marketer/);
      }
    });

    it('lets only admin make tokens', async () => {
      for (const token of [marketer, analyst]) {
        const res = await stack.api('/api/tokens', { body: { name: 'escalate', role: 'admin' }, token });
        expect(res.status).toBe(403);
        expect(res.body.message).toBe("POST /api/tokens: needs the admin role; this token's role is " + (token === marketer ? 'marketer' : 'analyst'));
      }
      const made = await stack.api('/api/tokens', { body: { name: 'second admin', role: 'admin' } });
      expect(made.status).toBe(201);
      expect((await stack.api('/api/tokens', { token: made.body.token })).status).toBe(200);
      expect((await stack.api('/api/tokens')).body.tokens.map((t: { name: string }) => t.name)).not.toContain('escalate');
    });

    it('keeps analysts to reading and the three tools that change nothing', async () => {
      expect((await raw('POST', '/api/journeys/%76alidate', analyst, {})).status).toBe(403);
      expect((await raw('POST', '/api/templates/preview', analyst, {})).status).toBe(400);
      expect((await raw('POST', '/api/simulate', analyst, {})).status).toBe(400);
      expect((await raw('POST', '/api/journeys/analyze', analyst, {})).status).toBe(400);
      expect((await raw('POST', '/api/import/orders', analyst)).status).toBe(403);
      expect((await raw('POST', '/api/import/orders', marketer)).status).toBe(415);
    });

    it('asks for a token before saying an /api path does not exist, under any spelling', async () => {
      for (const path of ['/api/nothing-here', '/API/nothing-here', '/api/tokens/x/y', '/api%2Fnothing', '/api']) {
        expect((await raw('GET', path, null)).status, path).toBe(401);
        expect((await raw('GET', path, analyst)).status, path).toBe(404);
      }
      expect((await raw('DELETE', '/api/journeys', null)).status).toBe(401);
    });

    it("answers health and the designer's page without a token", async () => {
      expect((await raw('GET', '/API/%68ealth/', null)).status).toBe(200);
      const page = await raw('GET', '/some/designer/path', null);
      expect(page.status).toBe(200);
      expect(String(page.body)).toContain('<html');
    });
  });
});
