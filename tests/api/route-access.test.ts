import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerAuth } from '../../server/http/auth';
import { canonicalUrl } from '../../server/http/canonical-url';
import { access, RouteTable } from '../../server/http/route-access';

// Every route says who may call it, and every spelling of a path is routed as its one canonical spelling.
describe('route access declarations', () => {
  const appWithAuth = () => {
    const app = Fastify({ logger: false });
    registerAuth(app, new RouteTable(), 'ht_test');
    return app;
  };

  it('refuses at start-up an /api route registered without saying who may call it, naming it', async () => {
    const app = appWithAuth();
    expect(() => app.post('/api/secrets', async () => 'no')).toThrow(/POST \/api\/secrets: the route does not say who may call it/);
    await app.close();
  });

  it('refuses it inside a plugin scope too, when the app starts', async () => {
    const app = appWithAuth();
    void app.register(async (scope) => {
      scope.get('/api/scoped', async () => 'no');
    });
    await expect(app.ready()).rejects.toThrow(/GET \/api\/scoped: the route does not say who may call it/);
  });

  it('refuses a route outside /api without a declaration as well (only a scope declared public is)', async () => {
    const app = appWithAuth();
    expect(() => app.get('/report.csv', async () => 'no')).toThrow(/GET \/report.csv/);
    await app.close();
  });

  it('records each declared route, with its HEAD twin, and finds concrete paths among them', async () => {
    const routes = new RouteTable();
    const app = Fastify({ logger: false });
    registerAuth(app, routes, 'ht_test');
    app.get('/api/journeys/:id', access('analyst'), async () => 'ok');
    app.delete('/api/tokens/:id', access('admin'), async () => 'ok');
    await app.ready();
    expect(routes.list()).toEqual([
      { method: 'GET', url: '/api/journeys/:id', access: 'analyst' },
      { method: 'HEAD', url: '/api/journeys/:id', access: 'analyst' },
      { method: 'DELETE', url: '/api/tokens/:id', access: 'admin' },
    ]);
    expect(routes.names('GET', '/API/Journeys/j1')).toBe(true);
    expect(routes.names('GET', '/api/journeys/j1/versions')).toBe(false);
    expect(routes.names('POST', '/api/journeys/j1')).toBe(false);
    expect(routes.names('DELETE', '/api/tokens')).toBe(false);
    await app.close();
  });
});

describe('canonical spelling of a request path', () => {
  const every = () => true;
  const none = () => false;

  it.each([
    ['/%61pi/journeys', '/api/journeys'],
    ['/%61%70%69/%6a%6F%75rneys?x=%61', '/api/journeys?x=%61'],
    ['/api/customers/a%3bb%20c', '/api/customers/a%3Bb%20c'],
    ['//api//journeys//', '/api/journeys'],
    ['/api/journeys/', '/api/journeys'],
    ['/./api/./journeys/.', '/api/journeys'],
    ['/api/x/../journeys', '/api/journeys'],
    ['/../../api/tokens', '/api/tokens'],
    ['/api/%2e%2e/api/%2E/tokens', '/api/tokens'],
    ['/api;v=1/journeys;jsessionid=2/j1;x', '/api/journeys/j1'],
    ['/api/journeys#/../tokens', '/api/journeys'],
    ['/api/journeys?next=/../tokens#x', '/api/journeys?next=/../tokens'],
    ['/api/journeys?', '/api/journeys?'],
    ['/', '/'],
    ['', '/'],
    ['/API/Journeys', '/API/Journeys'],
  ])('%s → %s', (given, canonical) => {
    expect(canonicalUrl(given, every)).toBe(canonical);
  });

  it('reads %2F as a slash when that names a route, else keeps it inside its segment', () => {
    expect(canonicalUrl('/api%2Fjourneys%2fj1', every)).toBe('/api/journeys/j1');
    expect(canonicalUrl('/api/customers/a%2Fb', none)).toBe('/api/customers/a%2Fb');
    expect(canonicalUrl('/api/customers/a%2F..%2F..%2Ftokens', none)).toBe('/api/customers/a%2F..%2F..%2Ftokens');
    expect(canonicalUrl('/api/x%2F..%2Ftokens', (path) => path === '/api/tokens')).toBe('/api/tokens');
  });
});
