import { Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/http/app';
import type { RouteAccess } from '../../server/http/route-access';
import { at, loadFixture, shopOn } from '../facts/support';
import { exampleJourney } from '../support/journeys';
import { rawRequest } from '../support/raw-http';
import { startStack, type Stack } from '../support/stack';
import { signUnsubscribe } from '../../server/messaging/unsubscribe-token';

/**
 * Every API route, called by every kind of caller, through every spelling of its path that a
 * client, a proxy or an attacker might send: each answer's status must be the plain spelling's.
 * Requests go out as raw HTTP with the path exactly as written (fetch would normalise it).
 */

type Segment = { text: string; param: boolean };
type Spelling = [name: string, spell: (segments: Segment[]) => string];

const hexOf = (char: string) => `%${char.charCodeAt(0).toString(16)}`;
const plain = (segments: Segment[]) => `/${segments.map((s) => s.text).join('/')}`;

const spellings: Spelling[] = [
  ['percent-encoded letters', (ss) => `/${ss.map((s) => s.text.replace(/[A-Za-z]/g, hexOf)).join('/')}`],
  ['%2F for each slash', (ss) => `/${ss.map((s) => s.text).join('%2F')}`],
  ['%2f for each slash', (ss) => `/${ss.map((s) => s.text).join('%2f')}`],
  ['double slashes', (ss) => `//${ss.map((s) => s.text).join('//')}`],
  ['trailing slash', (ss) => `${plain(ss)}/`],
  ['/./', (ss) => `/./${ss.map((s) => s.text).join('/./')}`],
  ['/../', (ss) => `/../${ss.map((s) => `x/../${s.text}`).join('/')}`],
  ['encoded dot segments', (ss) => `/${ss.map((s) => `x/%2e%2E/${s.text}`).join('/')}`],
  ['upper case', (ss) => `/${ss.map((s) => (s.param ? s.text : s.text.toUpperCase())).join('/')}`],
  [';parameters', (ss) => `/${ss.map((s, i) => `${s.text};p=${i}`).join('/')}`],
  ['a # fragment', (ss) => `${plain(ss)}#/../tokens`],
  ['an empty ? query', (ss) => `${plain(ss)}?`],
  ['all at once', (ss) => `/.//${ss.map((s) => `${s.param ? s.text : s.text.toUpperCase().replace(/^[A-Z]/, hexOf)};v=1`).join('/x/%2E%2e//')}/?#x`],
];

describe('one authorisation decision per route, whatever the spelling', () => {
  let stack: Stack;
  let routes: RouteAccess[];
  let specRoutes: string[];
  const callers: Record<string, string | null> = { 'no token': null, 'wrong token': 'ht_not_a_token', admin: '', marketer: '', analyst: '' };
  const ids: Record<string, string> = {};
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });

  beforeAll(async () => {
    stack = await startStack();
    callers.admin = stack.token;
    for (const role of ['marketer', 'analyst'] as const) {
      callers[role] = (await stack.api('/api/tokens', { body: { name: role, role } })).body.token;
    }
    // Data for the reading routes to find, so their plain answers are 200s rather than 404s.
    await loadFixture(shopOn(stack.huitou.context.db), {
      customers: [{ id: 'c1', name: '王芳', phone: '13812341234', region: '浙江' }],
      orders: [{ id: 'o1', customer: 'c1', status: 'paid', amount: 100, createdAt: at('2026-06-20') }],
    });
    const journey = exampleJourney('payment-reminder');
    expect((await stack.api('/api/journeys', { body: journey })).status).toBe(201);
    expect((await stack.api(`/api/journeys/${journey.id}/publish`, { method: 'POST' })).status).toBe(200);
    ids.journey = journey.id;
    const campaign = await stack.api('/api/coupons/campaigns', { body: { name: 'spring', kind: 'amount', value: 10, validDays: 7, codeSource: 'generated' } });
    ids.campaign = campaign.body.campaign.id;
    ids.template = (await stack.api('/api/templates')).body.templates[0].id;
    const segment = await stack.api('/api/segments', {
      body: { name: 'buyers', condition: { all: [{ fact: 'orderCount', operator: 'greaterThan', value: 0 }] } },
    });
    expect(segment.status).toBe(201);
    ids.segment = segment.body.segment.id;
    ids.unsubscribe = signUnsubscribe(await stack.huitou.context.unsubscribeSecret(), { customerId: 'c1', channel: 'email' });

    // The routes as the server registers them (the same code builds them), and as openapi.json describes them.
    const app = await buildApp(stack.huitou.context, { token: stack.token });
    await app.ready();
    routes = app.routeAccess.list().filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD');
    await app.close();
    const spec = (await stack.api('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    specRoutes = Object.entries(spec.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`));
  });
  afterAll(async () => {
    agent.destroy();
    await stack?.stop();
  });

  /** The route's path with plausible values: existing ids for reading, unknown ones for changing (so repeats change nothing). */
  const segmentsOf = (route: RouteAccess): Segment[] => {
    const reading = route.method === 'GET';
    const value = (name: string): string => {
      if (!reading) return name === 'tag' ? 'vip' : 'missing-1';
      if (name === 'version') return '1';
      if (route.url.startsWith('/api/journeys/')) return ids.journey!;
      if (route.url.startsWith('/api/customers/')) return 'c1';
      if (route.url.startsWith('/api/coupons/')) return ids.campaign!;
      if (route.url.startsWith('/api/templates/')) return ids.template!;
      if (route.url.startsWith('/api/segments/')) return ids.segment!;
      if (route.url.startsWith('/api/unsubscribe/')) return ids.unsubscribe!;
      return 'missing-1';
    };
    return route.url
      .split('/')
      .slice(1)
      .map((text) => (text.startsWith(':') ? { text: value(text.slice(1)), param: true } : { text, param: false }));
  };

  const send = async (method: string, path: string, token: string | null) =>
    (await rawRequest(stack.baseUrl, method, path, { token, agent, ...(method === 'POST' || method === 'PUT' ? { body: {} } : {}) })).status;

  /** Runs the calls 16 at a time. */
  const inBatches = async <T>(calls: (() => Promise<T>)[]): Promise<T[]> => {
    const results: T[] = [];
    for (let i = 0; i < calls.length; i += 16) results.push(...(await Promise.all(calls.slice(i, i + 16).map((call) => call()))));
    return results;
  };

  it('covers every route, each described in openapi.json', () => {
    expect(routes.map((r) => `${r.method} ${r.url}`).sort()).toEqual([...specRoutes].sort());
    expect(routes.length).toBeGreaterThan(40);
  });

  it("gives each caller, on every route, the answer its role allows: 401 without a valid token, 403 below the route's role", async () => {
    const calls = routes.flatMap((route) =>
      Object.entries(callers).map(([caller, token]) => async () => ({ route, caller, status: await send(route.method, plain(segmentsOf(route)), token) })),
    );
    const wrong = (await inBatches(calls)).filter(({ route, caller, status }) => {
      if (route.access === 'public') return status === 401 || status === 403;
      if (caller === 'no token' || caller === 'wrong token') return status !== 401;
      const rank = { analyst: 1, marketer: 2, admin: 3 } as const;
      const allowed = rank[caller as keyof typeof rank] >= rank[route.access];
      return allowed ? status === 401 || status === 403 || status >= 500 : status !== 403;
    });
    expect(wrong.map(({ route, caller, status }) => `${caller} ${route.method} ${route.url} (${route.access}): ${status}`)).toEqual([]);
  });

  it('answers every spelling of every route as it answers the plain spelling, for every caller', async () => {
    const calls = routes.flatMap((route) =>
      Object.entries(callers).map(([caller, token]) => async () => {
        const segments = segmentsOf(route);
        const expected = await send(route.method, plain(segments), token);
        const answers = await Promise.all(
          spellings.map(async ([name, spell]) => ({ name, path: spell(segments), status: await send(route.method, spell(segments), token) })),
        );
        return answers.filter((a) => a.status !== expected).map((a) => `${caller} ${route.method} ${a.path} (${a.name}): ${a.status}, plain ${expected}`);
      }),
    );
    const differences = (await inBatches(calls)).flat();
    expect(differences).toEqual([]);
  });

  it('reaches the reading routes with the data they name (the plain answers above are not all 404s)', async () => {
    const reads = routes.filter((r) => r.method === 'GET');
    const statuses = await inBatches(reads.map((route) => () => send('GET', plain(segmentsOf(route)), stack.token)));
    expect(reads.filter((_, i) => statuses[i] !== 200).map((r) => r.url)).toEqual([]);
  });
});
