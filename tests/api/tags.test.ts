import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixture, shopOn } from '../facts/support';
import { startStack, type Stack } from '../support/stack';

// GET /api/tags on the whole stack: the condition builder's tag picker lists these.
describe('GET /api/tags', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
    await loadFixture(shopOn(stack.huitou.context.db), {
      customers: [{ id: 't1', manualTags: ['油性肤质', '老客'] }, { id: 't2', manualTags: ['油性肤质'] }, { id: 't3' }],
      orders: [],
    });
  });
  afterAll(() => stack?.stop());

  it('lists customers’ tags most used first, and a tag rule’s tag before anyone has it', async () => {
    const before = await stack.api('/api/tags');
    expect(before.status).toBe(200);
    expect(before.body.tags).toEqual([
      { tag: '油性肤质', customers: 2, sources: ['manual'] },
      { tag: '老客', customers: 1, sources: ['manual'] },
    ]);

    const settings = await stack.api('/api/settings');
    const put = await stack.api('/api/settings', {
      method: 'PUT',
      body: {
        ...settings.body.settings,
        tagRules: [
          { kind: 'bought-product', tag: '面膜控', productIds: ['p1'] },
          { kind: 'bought-category', tag: '老客', categories: ['skincare'] },
        ],
      },
    });
    expect(put.status).toBe(200);
    // A tag added through the API counts at once.
    expect((await stack.api(`/api/customers/t3/tags/${encodeURIComponent('老客')}`, { method: 'PUT' })).status).toBe(200);

    const after = await stack.api('/api/tags');
    expect(after.body.tags).toEqual([
      { tag: '老客', customers: 2, sources: ['manual', 'rule'] },
      { tag: '油性肤质', customers: 2, sources: ['manual'] },
      { tag: '面膜控', customers: 0, sources: ['rule'] },
    ]);
  });

  it('needs a token and is in the OpenAPI document', async () => {
    expect((await stack.api('/api/tags', { token: null })).status).toBe(401);
    const doc = await stack.api('/api/openapi.json');
    expect(Object.keys(doc.body.paths['/api/tags'])).toEqual(['get']);
  });
});
