import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, loadFixture, shopOn } from '../facts/support';
import { startStack, type Stack } from '../support/stack';

// Tokens with roles on the whole stack: admin (the configured token), marketer and analyst.
describe('roles and API tokens', () => {
  let stack: Stack;
  let marketer: string;
  let analyst: string;
  beforeAll(async () => {
    stack = await startStack();
    await loadFixture(shopOn(stack.huitou.context.db), {
      customers: [{ id: 'c1', name: '王芳', phone: '13812341234', email: 'alice@x.com', region: '浙江' }],
      orders: [{ id: 'o1', customer: 'c1', status: 'paid', amount: 100, createdAt: at('2026-06-20') }],
    });
    await stack.api('/api/facts/refresh?asOf=2026-06-30', { method: 'POST' });
  });
  afterAll(() => stack?.stop());

  it('creates tokens for roles, shows each secret once and stores only its SHA-256', async () => {
    const m = await stack.api('/api/tokens', { body: { name: 'campaign team', role: 'marketer' } });
    expect(m.status).toBe(201);
    expect(m.body).toMatchObject({
      id: expect.stringMatching(/^tok_/),
      name: 'campaign team',
      role: 'marketer',
      revokedAt: null,
      token: expect.stringMatching(/^ht_/),
    });
    marketer = m.body.token;
    analyst = (await stack.api('/api/tokens', { body: { name: 'analysis', role: 'analyst' } })).body.token;

    const rows = await stack.huitou.context.db.selectFrom('api_tokens').selectAll().orderBy('created_at').execute();
    expect(rows.map((r) => r.token_hash)).toEqual([marketer, analyst].map((t) => createHash('sha256').update(t).digest('hex')));
    expect(JSON.stringify(rows)).not.toContain(marketer);
    const listed = await stack.api('/api/tokens');
    expect(listed.body.tokens.map((t: Record<string, unknown>) => Object.keys(t).sort())).toEqual([
      ['createdAt', 'id', 'name', 'revokedAt', 'role'],
      ['createdAt', 'id', 'name', 'revokedAt', 'role'],
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(marketer);
  });

  it('refuses a token request without a name or with an unknown role, naming the fields', async () => {
    const res = await stack.api('/api/tokens', { body: { name: ' ', role: 'owner' } });
    expect(res.status).toBe(400);
    expect(res.body.problems.map((p: { path: string }) => p.path)).toEqual(['name', 'role']);
  });

  it('masks PII for marketers and analysts, shows it to admin', async () => {
    const masked = { name: '王*', phone: '138****1234', email: 'a***@x.com' };
    for (const token of [marketer, analyst]) {
      const list = await stack.api('/api/customers', { token });
      expect(list.status).toBe(200);
      expect(list.body.customers[0]).toMatchObject({ id: 'c1', region: '浙江', ...masked });
      const one = await stack.api('/api/customers/c1', { token });
      expect(one.body.customer).toMatchObject(masked);
      expect(JSON.stringify([list.body, one.body])).not.toMatch(/13812341234|alice@|王芳/);
    }
    expect((await stack.api('/api/customers/c1')).body.customer).toMatchObject({ name: '王芳', phone: '13812341234', email: 'alice@x.com' });
  });

  it('answers 403 where a role may not go', async () => {
    const forbidden: [string, string, string, unknown?][] = [
      ['marketer', 'PUT', '/api/settings', {}],
      ['marketer', 'GET', '/api/tokens'],
      ['marketer', 'POST', '/api/tokens', { name: 'x', role: 'admin' }],
      ['marketer', 'POST', '/api/facts/refresh'],
      ['analyst', 'PUT', '/api/customers/c1/tags/x'],
      ['analyst', 'POST', '/api/journeys', {}],
      ['analyst', 'POST', '/api/events', {}],
      ['analyst', 'DELETE', '/api/tokens/tok_x'],
    ];
    for (const [role, method, path, body] of forbidden) {
      const res = await stack.api(path, { method, token: role === 'marketer' ? marketer : analyst, ...(body === undefined ? {} : { body }) });
      expect(res.status, `${role} ${method} ${path}`).toBe(403);
      expect(res.body).toEqual({ error: 'forbidden', message: expect.stringContaining(`${method} ${path}`) });
    }
    expect((await stack.api('/api/settings', { method: 'PUT', body: {} })).status).toBe(200);
  });

  it('lets each role do what it may', async () => {
    expect((await stack.api('/api/customers/c1/tags/%E5%9B%9E%E8%AE%BF', { method: 'PUT', token: marketer })).status).toBe(200);
    expect((await stack.api('/api/journeys', { token: marketer })).status).toBe(200);
    expect((await stack.api('/api/settings', { token: marketer })).status).toBe(200);
    for (const path of ['/api/customers', '/api/customers/c1', '/api/settings', '/api/kpis', '/api/journeys', '/api/facts']) {
      expect((await stack.api(path, { token: analyst })).status, path).toBe(200);
    }
  });

  it('revokes a token at once', async () => {
    const created = await stack.api('/api/tokens', { body: { name: 'temporary', role: 'analyst' } });
    expect((await stack.api('/api/customers', { token: created.body.token })).status).toBe(200);
    const revoked = await stack.api(`/api/tokens/${created.body.id}`, { method: 'DELETE' });
    expect(revoked.status).toBe(200);
    expect(revoked.body.token.revokedAt).toEqual(expect.any(String));
    const after = await stack.api('/api/customers', { token: created.body.token });
    expect(after.status).toBe(401);
    expect((await stack.api('/api/tokens/tok_nope', { method: 'DELETE' })).status).toBe(404);
    expect((await stack.api('/api/customers', { token: 'ht_made_up' })).status).toBe(401);
  });
});
