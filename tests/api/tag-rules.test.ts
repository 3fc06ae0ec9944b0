import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixture, shopOn } from '../facts/support';
import { startStack, type Stack } from '../support/stack';

// The tag rules API on the whole stack: ids, validation in both languages, roles, live counts and
// a preview that equals what the facts refresh then applies.

const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();

describe('/api/tag-rules', () => {
  let stack: Stack;
  let analyst: string;
  let marketer: string;
  beforeAll(async () => {
    stack = await startStack();
    await loadFixture(shopOn(stack.huitou.context.db), {
      customers: [
        { id: 'c1', name: '王芳' },
        { id: 'c2', name: '李娜', manualTags: ['老客'] },
        { id: 'c3', name: '张伟', manualTags: ['老客', '回访'] },
        { id: 'c4', name: '赵敏' },
      ],
      products: [
        { id: 'p1', category: '面部护理' },
        { id: 'p2', category: '面部护理' },
        { id: 'p3', category: '彩妆' },
      ],
      orders: [
        { id: 'o1', customer: 'c1', status: 'paid', amount: 320, createdAt: daysAgo(3), products: ['p1'] },
        { id: 'o2', customer: 'c2', status: 'delivered', amount: 80, createdAt: daysAgo(10), products: ['p2', 'p3'] },
        { id: 'o3', customer: 'c2', status: 'paid', amount: 90, createdAt: daysAgo(50), products: ['p3'] },
        { id: 'o4', customer: 'c3', status: 'refunded', amount: 500, createdAt: daysAgo(5), products: ['p1'] },
        { id: 'o5', customer: 'c4', status: 'paid', amount: 40, createdAt: daysAgo(200), products: ['p3'] },
      ],
    });
    marketer = (await stack.api('/api/tokens', { body: { name: 'campaigns', role: 'marketer' } })).body.token;
    analyst = (await stack.api('/api/tokens', { body: { name: 'analysis', role: 'analyst' } })).body.token;
    await stack.api('/api/facts/refresh', { method: 'POST' });
  });
  afterAll(() => stack?.stop());

  it('lists a rule stored without an id under a stable id, and the manual tags with counts', async () => {
    const settings = (await stack.api('/api/settings')).body.settings;
    expect(
      (await stack.api('/api/settings', { method: 'PUT', body: { ...settings, tagRules: [{ kind: 'bought-product', tag: '彩妆控', productIds: ['p3'] }] } }))
        .status,
    ).toBe(200);
    const first = await stack.api('/api/tag-rules', { token: analyst });
    expect(first.status).toBe(200);
    expect(first.body.rules).toEqual([{ rule: { id: expect.stringMatching(/^r/), kind: 'bought-product', tag: '彩妆控', productIds: ['p3'] }, customers: 2 }]);
    expect((await stack.api('/api/tag-rules')).body.rules[0].rule.id).toBe(first.body.rules[0].rule.id);
    expect(first.body.manualTags).toEqual([
      { tag: '老客', customers: 2 },
      { tag: '回访', customers: 1 },
    ]);
  });

  it('previews a rule, creates it with an id, and the refresh then tags exactly the previewed customers', async () => {
    const rule = { kind: 'bought-category', tag: '油性肤质', categories: ['面部护理'], note: '买过面部护理' };
    const preview = await stack.api('/api/tag-rules/preview', { body: rule, token: analyst });
    expect(preview.status).toBe(200);
    // c3's only face-care order was refunded: it does not count.
    expect(preview.body).toEqual({
      customers: 2,
      sample: [
        { customerId: 'c1', name: '王*', value: '面部护理' },
        { customerId: 'c2', name: '李*', value: '面部护理' },
      ],
    });
    expect((await stack.api('/api/tag-rules/preview', { body: rule })).body.sample[0].name).toBe('王芳');

    const created = await stack.api('/api/tag-rules', { body: rule, token: marketer });
    expect(created.status).toBe(201);
    const id = created.body.rule.id as string;
    expect(created.body.rule).toEqual({ ...rule, id });
    const listed = await stack.api('/api/tag-rules');
    expect(listed.body.rules.map((r: { rule: { id: string }; customers: number }) => [r.rule.id, r.customers])).toEqual([
      [listed.body.rules[0].rule.id, 2],
      [id, 2],
    ]);
    // The stored settings carry every rule's id now, the older rule's as listed before.
    const stored = (await stack.api('/api/settings')).body.settings.tagRules;
    expect(stored.map((r: { id: string }) => r.id)).toEqual([listed.body.rules[0].rule.id, id]);

    // Saving started the facts refresh on the worker: nobody calls it, the tags arrive by themselves.
    const db = stack.huitou.context.db;
    const tagged = async () =>
      (
        await sql<{ customer_id: string }>`select customer_id from customer_tags where tag = '油性肤质' and source = 'rule' order by customer_id`.execute(db)
      ).rows.map((r) => r.customer_id);
    await expect.poll(tagged, { timeout: 30_000, interval: 250 }).toEqual(preview.body.sample.map((s: { customerId: string }) => s.customerId));
    // Recorded in the settings' change log as the marketer's.
    const log = (await stack.api('/api/settings/changes')).body.changes as { actor: { name: string; role: string }; paths: string[] }[];
    expect(log[0]).toMatchObject({ actor: { name: 'campaigns', role: 'marketer' } });
    expect(log[0]!.paths.some((p) => p.startsWith('tagRules'))).toBe(true);
    const events = (
      await sql<{
        customer_id: string;
      }>`select customer_id from events where type = 'customer.tagged' and data->>'tag' = '油性肤质' order by customer_id`.execute(db)
    ).rows;
    expect(events.map((e) => e.customer_id)).toEqual(['c1', 'c2']);
  });

  it('replaces and deletes a rule by id; an unknown id is 404', async () => {
    const created = await stack.api('/api/tag-rules', { body: { kind: 'spend-in-window', tag: '月消费满300', minSpend: 300, days: 30 }, token: marketer });
    const id = created.body.rule.id as string;
    const put = await stack.api(`/api/tag-rules/${id}`, {
      method: 'PUT',
      body: { kind: 'orders-in-window', tag: '近60天复购', minOrders: 2, days: 60 },
      token: marketer,
    });
    expect(put.status).toBe(200);
    expect(put.body.rule).toEqual({ id, kind: 'orders-in-window', tag: '近60天复购', minOrders: 2, days: 60 });
    expect((await stack.api('/api/tag-rules')).body.rules.find((r: { rule: { id: string } }) => r.rule.id === id).customers).toBe(1);
    expect((await stack.api(`/api/tag-rules/${id}`, { method: 'DELETE', token: marketer })).body).toEqual({ deleted: id });
    expect((await stack.api(`/api/tag-rules/${id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await stack.api('/api/tag-rules/nope', { method: 'PUT', body: { kind: 'stage', tag: 'x', stages: ['lost'] } })).status).toBe(404);
    expect((await stack.api('/api/tag-rules')).body.rules.some((r: { rule: { id: string } }) => r.rule.id === id)).toBe(false);
  });

  it('keeps every rule of several saved at the same moment', async () => {
    const tags = ['同时一', '同时二', '同时三', '同时四', '同时五'];
    const created = await Promise.all(tags.map((tag) => stack.api('/api/tag-rules', { body: { kind: 'stage', tag, stages: ['active'] }, token: marketer })));
    expect(created.map((c) => c.status)).toEqual(tags.map(() => 201));
    const listed = (await stack.api('/api/tag-rules')).body.rules.map((r: { rule: { tag: string } }) => r.rule.tag);
    expect(listed).toEqual(expect.arrayContaining(tags));
    // And each one's removal, at the same moment, removes exactly it.
    const ids = created.map((c) => c.body.rule.id as string);
    expect((await Promise.all(ids.map((id) => stack.api(`/api/tag-rules/${id}`, { method: 'DELETE', token: marketer })))).map((r) => r.status)).toEqual(
      ids.map(() => 200),
    );
    const after = (await stack.api('/api/tag-rules')).body.rules.map((r: { rule: { tag: string } }) => r.rule.tag);
    expect(after.filter((t: string) => tags.includes(t))).toEqual([]);
  });

  it('answers a bad rule 400 naming each field and the reason, in en and zh-CN', async () => {
    const bad = { kind: 'spend-in-window', tag: ' ', minSpend: 0, days: 1.5 };
    const en = await stack.api('/api/tag-rules', { body: bad, token: marketer });
    expect(en.status).toBe(400);
    expect(en.body.error).toBe('invalid_tag_rule');
    expect(en.body.problems.map((p: { path: string; message: string }) => p.message)).toEqual([
      'tag: give the tag a name',
      'minSpend: more than 0',
      'days: whole days',
    ]);
    const zh = await stack.api('/api/tag-rules/preview?locale=zh-CN', { body: { kind: 'stage', tag: '沉默', stages: [] } });
    expect(zh.status).toBe(400);
    expect(zh.body.problems).toEqual([{ path: 'stages', code: 'invalid', message: '生命周期阶段：请至少选择一个阶段' }]);
    const kind = await stack.api('/api/tag-rules', { body: { kind: 'bought-everything', tag: 'x' } });
    expect(kind.status).toBe(400);
    expect(kind.body.problems[0].path).toBe('kind');
    const ids = (await stack.api('/api/tag-rules')).body.rules.map((r: { rule: { id: string } }) => r.rule.id);
    expect((await stack.api('/api/tag-rules', { body: { id: ids[0], kind: 'stage', tag: 'x', stages: ['lost'] } })).status).toBe(409);
  });

  it('refuses writes to analysts, lets them read and preview; lists products and categories', async () => {
    const rule = { kind: 'stage', tag: '流失', stages: ['lost'] };
    expect((await stack.api('/api/tag-rules', { body: rule, token: analyst })).status).toBe(403);
    expect((await stack.api('/api/tag-rules/x', { method: 'PUT', body: rule, token: analyst })).status).toBe(403);
    expect((await stack.api('/api/tag-rules/x', { method: 'DELETE', token: analyst })).status).toBe(403);
    expect((await stack.api('/api/tag-rules/preview', { body: rule, token: analyst })).status).toBe(200);
    expect((await stack.api('/api/tag-rules', { token: null })).status).toBe(401);
    expect((await stack.api('/api/products/categories', { token: analyst })).body.categories).toEqual([
      { category: '彩妆', products: 1 },
      { category: '面部护理', products: 2 },
    ]);
    expect((await stack.api('/api/products?search=p1')).body.products).toEqual([{ id: 'p1', name: 'p1', category: '面部护理' }]);
    const doc = await stack.api('/api/openapi.json');
    expect(Object.keys(doc.body.paths['/api/tag-rules']).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.body.paths['/api/tag-rules/{id}']).sort()).toEqual(['delete', 'put']);
  });
});
