import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentReminder } from '../support/journeys';
import { startStack, type Stack } from '../support/stack';
import { builtinNodes } from '../../engine/nodes/builtin/index';

describe('journeys API', () => {
  let stack: Stack;
  beforeAll(async () => void (stack = await startStack()));
  afterAll(() => stack?.stop());

  it('refuses a malformed journey with every problem and its path, storing nothing', async () => {
    const res = await stack.api('/api/journeys', { body: { id: 'bad id!', name: '', nodes: [{ id: 'n1' }], edges: [{ from: 'n1' }] } });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_journey');
    const paths = res.body.problems.map((p: { path: string }) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['id', 'name', 'nodes[0].type', 'edges[0].port', 'edges[0].to']));
    expect((await stack.api('/api/journeys')).body.journeys).toEqual([]);
  });

  it('saves an incomplete draft and lists what blocks publishing; publishing refuses it', async () => {
    const journey = paymentReminder();
    journey.edges = journey.edges.filter((e) => e.port !== 'timeout');
    journey.nodes.find((n) => n.id === 'await-payment')!.config.timeout = '25 minutes';
    const saved = await stack.api('/api/journeys', { body: journey });
    expect(saved.status).toBe(201);
    expect(saved.body.journey.status).toBe('draft');
    const problems = saved.body.problems as { path: string; code: string; nodeId?: string }[];
    expect(problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'nodes[1].config.timeout', code: 'invalid_config', nodeId: 'await-payment' })]),
    );

    const refused = await stack.api(`/api/journeys/${journey.id}/publish`, { method: 'POST' });
    expect(refused.status).toBe(400);
    expect(refused.body.problems.length).toBeGreaterThan(0);
    expect((await stack.api(`/api/journeys/${journey.id}`)).body.versions).toEqual([]);
  });

  it('validates in the requested language', async () => {
    const journey = paymentReminder();
    journey.nodes = journey.nodes.filter((n) => n.type !== 'trigger.event');
    const zh = await stack.api('/api/journeys/validate?locale=zh-CN', { body: journey });
    expect(zh.status).toBe(200);
    expect(zh.body.ok).toBe(false);
    const missing = zh.body.problems.find((p: { code: string }) => p.code === 'missing_trigger');
    expect(missing.message).toMatch(/触发/);
    const en = await stack.api('/api/journeys/validate', { body: journey });
    expect(en.body.problems.find((p: { code: string }) => p.code === 'missing_trigger').message).toMatch(/trigger/);
  });

  it('publishes immutable versions, pauses and resumes', async () => {
    const journey = paymentReminder();
    expect((await stack.api('/api/journeys', { body: journey })).status).toBe(201);
    expect((await stack.api('/api/journeys', { body: journey })).status).toBe(409);
    const v1 = await stack.api(`/api/journeys/${journey.id}/publish`, { method: 'POST' });
    expect(v1.body).toMatchObject({ version: 1, journey: { status: 'live', version: 1 } });

    const renamed = await stack.api(`/api/journeys/${journey.id}`, { method: 'PUT', body: { ...journey, name: '催付 v2' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body.problems).toEqual([]);
    const v2 = await stack.api(`/api/journeys/${journey.id}/publish`, { method: 'POST' });
    expect(v2.body.version).toBe(2);

    const got = await stack.api(`/api/journeys/${journey.id}`);
    expect(got.body.journey).toMatchObject({ name: '催付 v2', version: 2, status: 'live' });
    expect(got.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);

    expect((await stack.api(`/api/journeys/${journey.id}/pause`, { method: 'POST' })).body.journey.status).toBe('paused');
    expect((await stack.api(`/api/journeys/${journey.id}/resume`, { method: 'POST' })).body.journey.status).toBe('live');
  });

  it('refuses a PUT whose body names another journey', async () => {
    const journey = paymentReminder();
    await stack.api('/api/journeys', { body: journey });
    const res = await stack.api(`/api/journeys/${journey.id}`, { method: 'PUT', body: { ...journey, id: 'someone-else' } });
    expect(res.status).toBe(400);
    expect(res.body.problems[0].path).toBe('id');
  });

  it('answers 404 for an unknown journey', async () => {
    expect((await stack.api('/api/journeys/nope')).status).toBe(404);
    expect((await stack.api('/api/journeys/nope/publish', { method: 'POST' })).status).toBe(404);
  });

  it('describes node types with JSON Schemas and both languages, and serves OpenAPI', async () => {
    const types = (await stack.api('/api/node-types')).body.nodeTypes as Record<string, any>[];
    // The built-ins, then the plugins of the shipped manifest (plugins/manifest.json).
    expect(types.map((t) => t.type)).toEqual([...builtinNodes.map((d) => d.type), 'dingtalk.robot']);
    const waitForEvent = types.find((t) => t.type === 'wait.event')!;
    expect(waitForEvent.ports).toEqual(['event', 'timeout']);
    expect(waitForEvent.labels['zh-CN'].title).toBe('等待事件');
    expect(waitForEvent.configSchema.properties.timeout.type).toBe('string');
    const openapi = (await stack.api('/api/openapi.json')).body;
    expect(openapi.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/api/events', '/api/journeys/{id}/publish', '/api/messages']));
    expect(openapi.components.schemas.Journey.properties.nodes).toBeDefined();
  });
});
