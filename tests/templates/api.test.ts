import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueId } from '../support/journeys';
import { startStack, type Stack } from '../support/stack';

describe('templates API and "create journey from template"', () => {
  let stack: Stack;
  beforeAll(async () => void (stack = await startStack()));
  afterAll(() => stack?.stop());

  it('lists the templates in the caller’s language', async () => {
    const zh = await stack.api('/api/templates?locale=zh-CN');
    expect(zh.status).toBe(200);
    expect(zh.body.templates.map((t: { name: string }) => t.name)).toContain('生日祝福送券');
    const one = await stack.api('/api/templates/winback-lost?locale=en');
    expect(one.body.template.name).toBe('Win back lost customers');
    expect(one.body.journey.nodes.length).toBeGreaterThan(3);
    expect((await stack.api('/api/templates/nope')).status).toBe(404);
  });

  it('creates a draft from a template, with the coupon campaigns it needs, ready to publish', async () => {
    const id = uniqueId('bday');
    const created = await stack.api('/api/journeys/from-template', { body: { template: 'birthday-greeting', id, locale: 'zh-CN' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ journey: { id, name: '生日祝福送券', status: 'draft' }, problems: [], campaignsCreated: ['birthday'] });
    expect((await stack.api('/api/coupons/campaigns/birthday')).status).toBe(200);
    expect((await stack.api(`/api/journeys/${id}/publish`, { method: 'POST' })).status).toBe(200);
    // A second journey from it reuses the campaign.
    const again = await stack.api('/api/journeys/from-template', { body: { template: 'birthday-greeting', locale: 'en' } });
    expect(again.status).toBe(201);
    expect(again.body.campaignsCreated).toEqual([]);
    expect(again.body.journey.name).toBe('Birthday greeting with coupon');
  });

  it('names the bad field, and refuses an unknown template or a taken id', async () => {
    const bad = await stack.api('/api/journeys/from-template', { body: { template: 'payment-reminder', id: 'has space' } });
    expect(bad.status).toBe(400);
    expect(bad.body.problems[0].path).toBe('id');
    expect((await stack.api('/api/journeys/from-template', { body: { template: 'nope' } })).status).toBe(404);
    const id = uniqueId('pr');
    expect((await stack.api('/api/journeys/from-template', { body: { template: 'payment-reminder', id } })).status).toBe(201);
    expect((await stack.api('/api/journeys/from-template', { body: { template: 'payment-reminder', id } })).status).toBe(409);
  });
});
