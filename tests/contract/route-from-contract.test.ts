import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { endpoint } from '../../contract/index';
import { registerAuth } from '../../server/http/auth';
import { requireContractEntries, route } from '../../server/http/endpoint';
import { RouteTable } from '../../server/http/route-access';

// Routes are registered from contract entries (contract/): the entry gives the route its role and its checks.
const createThing = endpoint({
  method: 'POST',
  path: '/api/things/:id',
  access: 'marketer',
  summary: 'Makes a thing',
  params: z.object({ id: z.string().regex(/^[a-z]+$/, 'may use only lowercase letters') }),
  body: z.strictObject({ name: z.string().min(1, 'is empty'), count: z.number().int().min(1).default(1) }),
  invalid: 'invalid_thing',
  status: 201,
  response: z.object({ id: z.string(), name: z.string(), count: z.number() }),
});

const appWith = (entries = [createThing]) => {
  const app = Fastify({ logger: false });
  const routes = new RouteTable();
  registerAuth(app, routes, 'ht_test');
  requireContractEntries(app, entries);
  return { app, routes };
};
const auth = { authorization: 'Bearer ht_test' };

describe('routes registered from the contract', () => {
  it('refuses at start-up an /api route registered without a contract entry, naming it', async () => {
    const { app } = appWith([]);
    expect(() => app.get('/api/secrets', { config: { access: 'analyst' } }, async () => 'no')).toThrow(/GET \/api\/secrets: no contract entry/);
    await app.close();
  });

  it('refuses to start when a contract entry has no route', async () => {
    const { app } = appWith([createThing]);
    await expect(app.ready()).rejects.toThrow(/contract entries without a route: POST \/api\/things\/:id/);
  });

  it('gives the route the role of its entry, its success status, and the body as the schema gives it', async () => {
    const { app, routes } = appWith();
    route(app, createThing, async ({ params, body }) => ({ id: params.id, name: body.name, count: body.count }));
    await app.ready();
    expect(routes.list()).toContainEqual({ method: 'POST', url: '/api/things/:id', access: 'marketer' });
    const res = await app.inject({ method: 'POST', url: '/api/things/abc', headers: auth, payload: { name: 'a' } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ id: 'abc', name: 'a', count: 1 });
    await app.close();
  });

  it('answers a body that fails the schema with a 400 naming the field, in English and in Chinese', async () => {
    const { app } = appWith();
    let called = false;
    route(app, createThing, async ({ params, body }) => {
      called = true;
      return { id: params.id, name: body.name, count: body.count };
    });
    const en = await app.inject({ method: 'POST', url: '/api/things/abc', headers: auth, payload: { name: 'a', count: 0 } });
    expect(en.statusCode).toBe(400);
    expect(en.json()).toMatchObject({ error: 'invalid_thing', problems: [{ path: 'count', code: 'invalid' }] });
    expect(en.json().message).toMatch(/^count: must be at least 1$/);
    const zh = await app.inject({ method: 'POST', url: '/api/things/abc', headers: { ...auth, 'accept-language': 'zh-CN' }, payload: { count: 2 } });
    expect(zh.statusCode).toBe(400);
    expect(zh.json().problems).toEqual([expect.objectContaining({ path: 'name' })]);
    expect(zh.json().message).toBe('名称：必填');
    const badParam = await app.inject({ method: 'POST', url: '/api/things/ABC', headers: auth, payload: { name: 'a' } });
    expect(badParam.json()).toMatchObject({ error: 'invalid_thing', message: 'id: may use only lowercase letters' });
    expect(called).toBe(false);
    await app.close();
  });
});
