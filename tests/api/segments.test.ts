import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateJourney, type TopLevelCondition } from '../../engine/index';
import { createRegistry } from '../../engine/nodes/registry';
import { segmentEvent } from '../../server/segments/segment-audience';
import { engineVerdicts } from '../audience/stored-audience';
import { at, daysBefore, loadFixture, shopOn } from '../facts/support';
import { databaseKinds, freshPostgresUrl } from '../support/databases';
import { startStack, type Stack } from '../support/stack';

const today = new Date().toISOString().slice(0, 10);
const recent = at(daysBefore(today, 3));
const long = at(daysBefore(today, 400));

/** Repeat buyers, recent or oily-skinned, outside 北京. */
const repeatBuyers: TopLevelCondition = {
  all: [
    { fact: 'orderCount', operator: 'greaterThanInclusive', value: 2 },
    {
      any: [
        { fact: 'lifecycleStage', operator: 'in', value: ['active'] },
        { fact: 'tags', operator: 'hasTag', value: '油性肤质' },
      ],
    },
    { not: { fact: 'customer', path: '$.region', operator: 'equal', value: '北京' } },
  ],
};

describe.each(databaseKinds)('segments API on %s', (kind) => {
  let stack: Stack;
  let marketer: string;
  let analyst: string;
  beforeAll(async () => {
    stack = await startStack(kind === 'postgresql' ? { databaseUrl: await freshPostgresUrl() } : {});
    await loadFixture(shopOn(stack.huitou.context.db), {
      customers: [
        { id: 's1', name: '林小姐', phone: '13912345678', region: '上海' },
        { id: 's2', name: '王先生', phone: '13800001111', region: '北京' },
        { id: 's3', name: '张女士', phone: '13700002222', region: '广东', manualTags: ['油性肤质'] },
        { id: 's4', region: '浙江' },
        { id: 's5' },
      ],
      orders: [
        { id: 'o1', customer: 's1', status: 'paid', amount: 100, createdAt: recent },
        { id: 'o2', customer: 's1', status: 'paid', amount: 80, createdAt: recent },
        { id: 'o3', customer: 's2', status: 'paid', amount: 100, createdAt: recent },
        { id: 'o4', customer: 's2', status: 'paid', amount: 100, createdAt: recent },
        { id: 'o5', customer: 's3', status: 'paid', amount: 50, createdAt: long },
        { id: 'o6', customer: 's3', status: 'paid', amount: 50, createdAt: long },
        { id: 'o7', customer: 's4', status: 'paid', amount: 50, createdAt: long },
        { id: 'o8', customer: 's4', status: 'paid', amount: 50, createdAt: long },
      ],
    });
    expect((await stack.api('/api/facts/refresh', { method: 'POST' })).status).toBe(200);
    marketer = (await stack.api('/api/tokens', { body: { name: 'campaigns', role: 'marketer' } })).body.token;
    analyst = (await stack.api('/api/tokens', { body: { name: 'reports', role: 'analyst' } })).body.token;
  });
  afterAll(() => stack?.stop());

  it('counts what the engine decides over the same stored customers, with a sample of the facts the condition reads', async () => {
    const engine = await engineVerdicts(stack.huitou.context.db, repeatBuyers, segmentEvent(new Date()));
    expect(engine).toEqual(['s1', 's3']);
    const preview = await stack.api('/api/segments/preview', { body: { condition: repeatBuyers } });
    expect(preview.status).toBe(200);
    expect(preview.body.count).toBe(2);
    expect(preview.body.sample).toEqual([
      {
        id: 's1',
        name: '林小姐',
        phone: '13912345678',
        email: null,
        facts: { orderCount: 2, lifecycleStage: 'active', tags: [], 'customer.$.region': '上海' },
      },
      {
        id: 's3',
        name: '张女士',
        phone: '13700002222',
        email: null,
        facts: { orderCount: 2, lifecycleStage: 'lost', tags: ['油性肤质'], 'customer.$.region': '广东' },
      },
    ]);
  });

  it('masks the sample’s contacts for roles that may not see them', async () => {
    const preview = await stack.api('/api/segments/preview', { body: { condition: repeatBuyers }, token: analyst });
    expect(preview.status).toBe(200);
    expect(preview.body.sample[0]).toMatchObject({ id: 's1', name: '林**', phone: '139****5678' });
  });

  it('creates, lists with counts, changes and deletes; analysts read, marketers write', async () => {
    const body = { name: '复购老客', description: '两单以上', condition: repeatBuyers };
    expect((await stack.api('/api/segments', { body, token: analyst })).status).toBe(403);
    const created = await stack.api('/api/segments', { body, token: marketer });
    expect(created.status).toBe(201);
    const id = created.body.segment.id as string;
    expect(created.body.segment).toMatchObject({ name: '复购老客', description: '两单以上', count: 2, condition: repeatBuyers, createdBy: 'campaigns' });
    expect(created.body.segment.computedAt).not.toBeNull();

    const list = await stack.api('/api/segments', { token: analyst });
    expect(list.body.segments.map((s: { id: string; count: number }) => [s.id, s.count])).toEqual([[id, 2]]);

    const everyone = await stack.api(`/api/segments/${id}`, { method: 'PUT', body: { name: '所有客户', condition: { all: [] } }, token: marketer });
    expect(everyone.status).toBe(200);
    expect(everyone.body.segment).toMatchObject({ name: '所有客户', description: '', count: 5 });
    expect((await stack.api(`/api/segments/${id}`, { token: analyst })).body.segment.count).toBe(5);

    expect((await stack.api(`/api/segments/${id}`, { method: 'DELETE', token: analyst })).status).toBe(403);
    expect((await stack.api(`/api/segments/${id}`, { method: 'DELETE', token: marketer })).body).toEqual({ deleted: true });
    expect((await stack.api(`/api/segments/${id}`)).status).toBe(404);
  });

  it('refuses a condition with the messages a journey gets, under the condition’s path, in the caller’s language', async () => {
    const bad = {
      all: [
        { fact: 'orderCountt', operator: 'equal', value: 1 },
        { fact: 'orderCount', operator: 'greaterThan', value: 'many' },
      ],
    };
    const journey = {
      id: 'j',
      name: 'j',
      nodes: [
        { id: 't', type: 'trigger.broadcast', config: { audience: bad } },
        { id: 'x', type: 'exit', config: {} },
      ],
      edges: [{ from: 't', port: 'next', to: 'x' }],
    };
    for (const locale of ['en', 'zh-CN'] as const) {
      const expected = validateJourney(journey, createRegistry(), locale)
        .problems.filter((p) => p.path.startsWith('nodes[0].config.audience'))
        .map((p) => ({ path: p.path.replace('nodes[0].config.audience', 'condition'), message: p.message }));
      expect(expected.length).toBe(2);
      const res = await fetch(`${stack.baseUrl}/api/segments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${stack.token}`, 'content-type': 'application/json', 'accept-language': locale },
        body: JSON.stringify({ name: '', condition: bad }),
      });
      expect(res.status).toBe(400);
      const answer = (await res.json()) as { error: string; problems: { path: string; message: string }[] };
      expect(answer.error).toBe('invalid_segment');
      expect(answer.problems.map((p) => p.path)).toEqual(['name', 'condition.all[0].fact', 'condition.all[1].value']);
      expect(answer.problems.slice(1).map(({ path, message }) => ({ path, message }))).toEqual(expected);
      const preview = await stack.api('/api/segments/preview', { body: { condition: { any: 'x' } } });
      expect(preview.status).toBe(400);
      expect(preview.body.problems[0].path).toMatch(/^condition/);
    }
  });

  it('exports the members as CSV for admins only', async () => {
    const created = await stack.api('/api/segments', { body: { name: '导出', condition: repeatBuyers }, token: marketer });
    const id = created.body.segment.id as string;
    expect((await stack.api(`/api/segments/${id}/export.csv`, { token: marketer })).status).toBe(403);
    const res = await fetch(`${stack.baseUrl}/api/segments/${id}/export.csv`, { headers: { authorization: `Bearer ${stack.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(bytes.toString('utf8').split('\r\n')).toEqual([
      '\uFEFFid,name,phone,email,stage,tier,tags',
      's1,林小姐,13912345678,,active,ordinary,',
      's3,张女士,13700002222,,lost,ordinary,油性肤质',
      '',
    ]);
    const doc = await stack.api('/api/openapi.json');
    expect(Object.keys(doc.body.paths['/api/segments/{id}/export.csv'].get.responses['200'].content)).toEqual(['text/csv']);
  });
});
