import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Journey } from '../../engine/index';
import { lineJourney, orderCreatedTrigger, uniqueId } from '../support/journeys';
import { startStack, type Stack } from '../support/stack';

const journeyWith = (id: string, steps: Journey['nodes']): Journey => lineJourney(id, orderCreatedTrigger, steps);

/**
 * Publish says what will not work as drawn: the analysis the publish dialog shows and the
 * publish answer carry warnings for unknown template variables and for webhook addresses the
 * server's address guard refuses — judged with the allow-list (here 10.9.0.0/16) and DNS.
 */
describe('publish warnings through the API', () => {
  let stack: Stack;
  beforeAll(async () => void (stack = await startStack({ httpAllow: ['10.9.0.0/16'] })));
  afterAll(() => stack?.stop());

  const steps = (): Journey['nodes'] => [
    { id: 'sms', type: 'message.send', config: { channel: 'sms', template: '{{customer.nmae}}，您的订单 {{order.id}} 还未付款' } },
    { id: 'loopback', type: 'webhook.post', config: { url: 'http://127.0.0.1:9/hook', body: { text: '{{order.id}}' } } },
    { id: 'by-name', type: 'webhook.post', config: { url: 'http://localhost:9/hook', body: {} } },
    { id: 'allowed', type: 'webhook.post', config: { url: 'http://10.9.1.2/hook', body: {} } },
  ];

  it('the analysis warns in the language asked for, naming each step and field', async () => {
    const zh = await stack.api('/api/journeys/analyze?locale=zh-CN', { body: journeyWith(uniqueId('warn'), steps()) });
    expect(zh.status, JSON.stringify(zh.body)).toBe(200);
    expect(zh.body.warnings.map((w: { code: string; nodeId: string; path: string }) => [w.code, w.nodeId, w.path])).toEqual([
      ['unknown_template_variable', 'sms', 'nodes[1].config.template'],
      ['webhook_address_refused', 'loopback', 'nodes[2].config.url'],
      ['webhook_address_refused', 'by-name', 'nodes[3].config.url'],
    ]);
    expect(zh.body.warnings[0].message).toContain('变量 {{customer.nmae}} 不是已知的变量');
    expect(zh.body.warnings[1].message).toBe(
      'Webhook 地址 127.0.0.1 是内部网络地址（本机），出站访问会被拒绝，这一步不会送达。请换成公网地址，或请运营方在 HUITOU_HTTP_ALLOW 中放行。',
    );
    // A name is judged by what it resolves to: localhost is the loopback address.
    expect(zh.body.warnings[2].message).toMatch(/^Webhook 地址 localhost \((127\.0\.0\.1|::1)\) 是内部网络地址（本机）/);
    const en = await stack.api('/api/journeys/analyze?locale=en', { body: journeyWith(uniqueId('warn'), steps()) });
    expect(en.body.warnings[1].message).toBe(
      'The webhook address 127.0.0.1 is a loopback address: outbound HTTP refuses it, so this step will not arrive. Use a public address, or ask the operator to allow it with HUITOU_HTTP_ALLOW.',
    );
  });

  it('publishes anyway and says the same in the publish answer', async () => {
    const journey = journeyWith(uniqueId('warn'), steps());
    expect((await stack.api('/api/journeys', { body: journey })).status).toBe(201);
    const published = await stack.api(`/api/journeys/${journey.id}/publish?locale=en`, { method: 'POST' });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body.version).toBe(1);
    expect(published.body.warnings.map((w: { nodeId: string }) => w.nodeId)).toEqual(['sms', 'loopback', 'by-name']);
    expect(published.body.warnings[0].message).toMatch(/^\{\{customer\.nmae\}\} is not a known variable/);
  });

  it('has nothing to say about a journey that uses known variables and public or allow-listed addresses', async () => {
    const clean = journeyWith(uniqueId('clean'), [
      { id: 'sms', type: 'message.send', config: { channel: 'sms', template: '{{customer.name}}，订单 {{order.id}}（¥{{order.amount}}）' } },
      { id: 'allowed', type: 'webhook.post', config: { url: 'http://10.9.1.2/hook', body: {} } },
    ]);
    const res = await stack.api('/api/journeys/analyze', { body: clean });
    expect(res.body.warnings).toEqual([]);
    const openapi = (await stack.api('/api/openapi.json')).body;
    expect(openapi.components.schemas.JourneyWarning).toBeDefined();
  });
});
