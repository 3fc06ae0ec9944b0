import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnownContacts } from '../../server/facts/pii-text';
import { registerPiiMasking } from '../../server/http/pii-masking';
import type { Role } from '../../server/http/api-tokens';

/**
 * The masking hook on a Fastify app whose routes know nothing of masking, as a route added
 * tomorrow would: what it answers is masked for roles that may not see contacts all the same.
 */
describe('the PII masking hook', () => {
  const stored: Record<string, KnownContacts> = { c1: { name: '王芳芳', phone: '13812341234', email: 'fang@shop.cn' } };
  const asked: string[][] = [];
  let failing = false;
  let app: FastifyInstance;

  beforeAll(async () => {
    app = Fastify();
    app.decorateRequest('role', null as unknown as Role);
    app.addHook('onRequest', async (request) => {
      request.role = request.headers['x-role'] as Role;
    });
    registerPiiMasking(app, async (ids) => {
      if (failing) throw new Error('database down');
      asked.push([...ids]);
      return [...ids].flatMap((id) => (stored[id] ? [stored[id]] : []));
    });
    app.get('/api/new-report', async () => ({ rows: [{ customerId: 'c1', note: '回访 王芳芳：fang@shop.cn' }], other: 'call 13900001111' }));
    app.get<{ Params: { id: string } }>('/api/people/:id/card', async (request) => ({ title: `${request.params.id}: 王芳芳 13812341234` }));
    app.get('/api/export.csv', async (_request, reply) => reply.type('text/csv').send('customerId,name,phone\nc1,王芳芳,13812341234\n'));
    // An export whose request names nobody: the route says whom it shows.
    app.get('/api/everyone.csv', async (request, reply) => {
      request.shownCustomers.add('c1');
      return reply.type('text/csv').send('c1,王芳芳,fang@shop.cn\n');
    });
    await app.ready();
  });
  afterAll(() => app?.close());

  const get = async (url: string, role: Role) => app.inject({ method: 'GET', url, headers: { 'x-role': role } });

  it('masks a new route’s answer for marketer and analyst, finding the customer by the customerId in it', async () => {
    for (const role of ['marketer', 'analyst'] as const) {
      const r = await get('/api/new-report', role);
      expect(r.json()).toEqual({ rows: [{ customerId: 'c1', note: '回访 王**：f***@shop.cn' }], other: 'call 139****1111' });
    }
    expect(asked.at(-1)).toEqual(['c1']);
    expect((await get('/api/new-report', 'admin')).json()).toEqual({
      rows: [{ customerId: 'c1', note: '回访 王芳芳：fang@shop.cn' }],
      other: 'call 13900001111',
    });
  });

  it('finds the customer named by the request path', async () => {
    expect((await get('/api/people/c1/card', 'analyst')).json()).toEqual({ title: 'c1: 王** 138****1234' });
  });

  it('masks a text answer such as a CSV export', async () => {
    const r = await get('/api/export.csv?customerId=c1', 'marketer');
    expect(r.headers['content-type']).toMatch(/^text\/csv/);
    expect(r.body).toBe('customerId,name,phone\nc1,王**,138****1234\n');
    expect((await get('/api/export.csv', 'admin')).body).toContain('王芳芳,13812341234');
    expect((await get('/api/everyone.csv', 'analyst')).body).toBe('c1,王**,f***@shop.cn\n');
  });

  it('answers 503 with nothing in it when the contacts cannot be looked up', async () => {
    failing = true;
    try {
      const r = await get('/api/new-report', 'analyst');
      expect(r.statusCode).toBe(503);
      expect(r.body).not.toMatch(/王芳芳|fang@|13900001111/);
      expect((await get('/api/new-report', 'admin')).statusCode).toBe(200);
    } finally {
      failing = false;
    }
  });
});
