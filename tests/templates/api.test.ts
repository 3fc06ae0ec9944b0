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

  it('dates the Double 11 template from the eventDate asked for, and explains a bad one in the caller’s language', async () => {
    const id = uniqueId('d11');
    const created = await stack.api('/api/journeys/from-template', { body: { template: 'double11-waves', id, locale: 'zh-CN', eventDate: '2026-11-11' } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.campaignsCreated).toEqual(['double11-vip']);
    expect(created.body.problems).toEqual([]);
    const at = (nodeId: string) => created.body.journey.nodes.find((n: { id: string }) => n.id === nodeId).config;
    expect([at('trigger').at, at('until-wave2').dateTime, at('until-wave3').dateTime]).toEqual(['2026-10-27T10:00', '2026-11-06T10:00', '2026-11-10T10:00']);
    expect(JSON.stringify(created.body.journey)).not.toContain('2027');
    const bad = await stack.api('/api/journeys/from-template?locale=zh-CN', { body: { template: 'double11-waves', eventDate: '11/11' } });
    expect(bad.status).toBe(400);
    expect(bad.body.problems).toEqual([{ path: 'eventDate', code: 'invalid', message: '活动日期：应为日期，写作 YYYY-MM-DD，例如 2026-11-11' }]);
    const notDated = await stack.api('/api/journeys/from-template?locale=en', { body: { template: 'birthday-greeting', eventDate: '2026-11-11' } });
    expect(notDated.status).toBe(400);
    expect(notDated.body.problems[0]).toMatchObject({ path: 'eventDate', message: 'eventDate: this template is not built around an event day' });
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
