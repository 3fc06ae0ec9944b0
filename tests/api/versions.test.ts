import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Journey } from '../../engine/journey/schema';
import { databaseKinds, freshPostgresUrl } from '../support/databases';
import { paymentReminder } from '../support/journeys';
import { startStack, type Stack } from '../support/stack';

/**
 * The version history endpoints on the whole product, on both databases: each publish is listed
 * with its step count, and each version's frozen document is served as it was published, whatever
 * the draft became since.
 */
describe.each(databaseKinds)('journey versions API on %s', (kind) => {
  let stack: Stack;
  beforeAll(async () => void (stack = await startStack(kind === 'postgresql' ? { databaseUrl: await freshPostgresUrl() } : {})));
  afterAll(() => stack?.stop());

  it('lists each published version newest first and serves each frozen document', async () => {
    const journey = paymentReminder('PT25M');
    expect((await stack.api('/api/journeys', { body: journey })).status).toBe(201);
    const none = await stack.api(`/api/journeys/${journey.id}/versions`);
    expect(none.status).toBe(200);
    expect(none.body).toEqual({ journeyId: journey.id, draft: { status: 'draft', version: 0, nodes: 7 }, versions: [] });

    expect((await stack.api(`/api/journeys/${journey.id}/publish`, { method: 'POST' })).body.version).toBe(1);
    // Version 2: the wait is longer and the SMS gets a follow-up e-mail step before the exit.
    const v2: Journey = structuredClone(journey);
    v2.nodes.find((n) => n.id === 'await-payment')!.config.timeout = 'PT30M';
    v2.nodes.push({ id: 'follow-up', type: 'message.send', config: { channel: 'email', subject: '订单提醒', template: '您的订单{{order.id}}还在等您付款。' } });
    v2.edges = v2.edges.filter((e) => !(e.from === 'reminder-sms' && e.port === 'next'));
    v2.edges.push({ from: 'reminder-sms', port: 'next', to: 'follow-up' }, { from: 'follow-up', port: 'next', to: 'done' });
    expect((await stack.api(`/api/journeys/${journey.id}`, { method: 'PUT', body: v2 })).status).toBe(200);
    expect((await stack.api(`/api/journeys/${journey.id}/publish`, { method: 'POST' })).body.version).toBe(2);
    // The draft moves on after the last publish; versions do not.
    expect((await stack.api(`/api/journeys/${journey.id}`, { method: 'PUT', body: { ...v2, name: '催付（草稿）' } })).status).toBe(200);

    const list = await stack.api<{ draft: unknown; versions: { version: number; publishedAt: string; nodes: number }[] }>(
      `/api/journeys/${journey.id}/versions`,
    );
    expect(list.status).toBe(200);
    expect(list.body.draft).toEqual({ status: 'live', version: 2, nodes: 8 });
    expect(list.body.versions.map((v) => [v.version, v.nodes])).toEqual([
      [2, 8],
      [1, 7],
    ]);
    const [second, first] = list.body.versions;
    expect(Date.parse(second!.publishedAt)).toBeGreaterThanOrEqual(Date.parse(first!.publishedAt));

    const one = await stack.api<{ version: number; publishedAt: string; journey: Journey }>(`/api/journeys/${journey.id}/versions/1`);
    expect(one.status).toBe(200);
    expect(one.body.version).toBe(1);
    expect(one.body.publishedAt).toBe(first!.publishedAt);
    expect(one.body.journey).toMatchObject({ id: journey.id, name: journey.name, status: 'live', version: 1 });
    expect(one.body.journey.nodes.find((n) => n.id === 'await-payment')!.config.timeout).toBe('PT25M');
    expect(one.body.journey.nodes.map((n) => n.id)).not.toContain('follow-up');
    // As it runs: every node stamped with the version of its type.
    expect(one.body.journey.nodes.every((n) => n.typeVersion === 1)).toBe(true);

    const two = await stack.api<{ journey: Journey }>(`/api/journeys/${journey.id}/versions/2`);
    expect(two.body.journey.name).toBe(journey.name);
    expect(two.body.journey.nodes.find((n) => n.id === 'await-payment')!.config.timeout).toBe('PT30M');
    expect(two.body.journey.edges).toContainEqual({ from: 'follow-up', port: 'next', to: 'done' });
  });

  it('answers 404 for an unknown journey or version and 400 naming a bad version', async () => {
    const journey = paymentReminder();
    await stack.api('/api/journeys', { body: journey });
    const unknown = await stack.api('/api/journeys/no-such-journey/versions');
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toContain('no-such-journey');
    expect((await stack.api('/api/journeys/no-such-journey/versions/1')).status).toBe(404);
    const missing = await stack.api(`/api/journeys/${journey.id}/versions/3`);
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe(`journey "${journey.id}" has no version 3`);
    for (const bad of ['0', 'latest', '1.5']) {
      const res = await stack.api(`/api/journeys/${journey.id}/versions/${bad}`);
      expect(res.status).toBe(400);
      expect(res.body.problems[0].path).toBe('version');
      expect(res.body.message).toContain(`"${bad}"`);
    }
  });

  it('needs a token; an analyst may read the history', async () => {
    const journey = paymentReminder();
    await stack.api('/api/journeys', { body: journey });
    await stack.api(`/api/journeys/${journey.id}/publish`, { method: 'POST' });
    expect((await stack.api(`/api/journeys/${journey.id}/versions`, { token: null })).status).toBe(401);
    expect((await stack.api(`/api/journeys/${journey.id}/versions/1`, { token: null })).status).toBe(401);
    const analyst = await stack.api('/api/tokens', { body: { name: 'analyst', role: 'analyst' } });
    expect(analyst.status).toBe(201);
    const read = await stack.api(`/api/journeys/${journey.id}/versions/1`, { token: analyst.body.token });
    expect(read.status).toBe(200);
    expect(read.body.journey.id).toBe(journey.id);
  });

  it('is described in the OpenAPI document', async () => {
    const openapi = (await stack.api('/api/openapi.json')).body;
    expect(openapi.paths['/api/journeys/{id}/versions'].get.responses['200']).toBeDefined();
    expect(openapi.paths['/api/journeys/{id}/versions/{version}'].get.responses['404']).toBeDefined();
  });
});
