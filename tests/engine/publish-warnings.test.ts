import { describe, expect, it } from 'vitest';
import { createRegistry, journeySchema, journeyWarnings, privateHostKind, type Journey } from '../../engine/index';

const registry = createRegistry();

function journeyWith(step: { id: string; type: string; config: Record<string, unknown> }): Journey {
  return journeySchema.parse({
    id: 'j',
    name: 'j',
    nodes: [{ id: 'trigger', type: 'trigger.event', config: { eventType: 'order.created' } }, step, { id: 'done', type: 'exit', config: {} }],
    edges: [
      { from: 'trigger', port: 'next', to: step.id },
      { from: step.id, port: 'next', to: 'done' },
    ],
  });
}

describe('publish warnings (engine/analysis/warnings.ts)', () => {
  it('warns about a template variable nothing fills, at its field, in both languages', () => {
    const j = journeyWith({ id: 'sms', type: 'message.send', config: { template: '{{customer.nmae}}，您的订单 {{order.id}} 还未付款' } });
    expect(journeyWarnings(j, registry, 'en')).toEqual([
      {
        code: 'unknown_template_variable',
        path: 'nodes[1].config.template',
        nodeId: 'sms',
        message:
          '{{customer.nmae}} is not a known variable: it will be empty when sent unless your customers have an attribute named "nmae". Pick one with "Insert variable", e.g. {{customer.name}}.',
      },
    ]);
    expect(journeyWarnings(j, registry, 'zh-CN')[0]?.message).toBe(
      '变量 {{customer.nmae}} 不是已知的变量；除非客户有名为“nmae”的属性，发送时会是空的。请用“插入变量”选择，例如 {{customer.name}}。',
    );
  });

  it('knows the catalog: profile fields, order and event data, the coupon; flags unknown roots and coupon fields', () => {
    const ok =
      '{{customer.name}} {{customer.facts.orderCount}} {{order.amount}} {{event.data.anything}} {{coupon.code}} {{coupon.expiresOn}} {{#coupon}}{{code}}{{/coupon}}';
    expect(journeyWarnings(journeyWith({ id: 'sms', type: 'message.send', config: { template: ok } }), registry, 'en')).toEqual([]);
    const bad = journeyWarnings(journeyWith({ id: 'sms', type: 'message.send', config: { template: '{{name}} {{coupon.cod}}' } }), registry, 'en');
    expect(bad.map((w) => w.message.split(' ')[0])).toEqual(['{{name}}', '{{coupon.cod}}']);
  });

  it('checks the other template fields too: a task’s title and note, a webhook’s JSON body', () => {
    const task = journeyWith({ id: 'call', type: 'task.create', config: { title: '致电 {{customer.phon}}', note: '{{order.id}}' } });
    expect(journeyWarnings(task, registry, 'en').map((w) => w.path)).toEqual(['nodes[1].config.title']);
    const hook = journeyWith({
      id: 'hook',
      type: 'webhook.post',
      config: { url: 'https://robot.example.com/send', body: { text: { content: '{{custmer.name}}' } } },
    });
    expect(journeyWarnings(hook, registry, 'en').map((w) => [w.code, w.path])).toEqual([['unknown_template_variable', 'nodes[1].config.body.text.content']]);
  });

  it('warns about a webhook whose host is, as written, a private address or localhost', () => {
    for (const url of ['http://127.0.0.1:8080/hook', 'http://10.1.2.3/hook', 'http://[::1]/hook', 'http://localhost:3000/x', 'http://169.254.169.254/latest']) {
      const warnings = journeyWarnings(journeyWith({ id: 'hook', type: 'webhook.post', config: { url, body: {} } }), registry, 'en');
      expect(
        warnings.map((w) => [w.code, w.path, w.nodeId]),
        url,
      ).toEqual([['webhook_address_refused', 'nodes[1].config.url', 'hook']]);
    }
    const zh = journeyWarnings(journeyWith({ id: 'hook', type: 'webhook.post', config: { url: 'http://192.168.1.5/hook', body: {} } }), registry, 'zh-CN');
    expect(zh[0]?.message).toBe(
      'Webhook 地址 192.168.1.5 是内部网络地址（私有网段），出站访问会被拒绝，这一步不会送达。请换成公网地址，或请运营方在 HUITOU_HTTP_ALLOW 中放行。',
    );
    expect(
      journeyWarnings(journeyWith({ id: 'hook', type: 'webhook.post', config: { url: 'https://oapi.dingtalk.com/robot/send', body: {} } }), registry, 'en'),
    ).toEqual([]);
    // The server asks its address guard instead (allow-list, DNS).
    const literal = journeyWith({ id: 'hook', type: 'webhook.post', config: { url: 'http://127.0.0.1/hook', body: {} } });
    expect(journeyWarnings(literal, registry, 'en', { literalAddresses: false })).toEqual([]);
  });

  it('tells private hosts from public ones', () => {
    expect(
      [
        '127.0.0.1',
        '10.0.0.1',
        '172.16.0.1',
        '172.31.255.255',
        '192.168.0.1',
        '100.64.0.1',
        '169.254.1.1',
        '0.0.0.0',
        '::1',
        '[fd00::1]',
        'fe80::1',
        '::ffff:127.0.0.1',
        'LOCALHOST',
        'a.localhost',
      ].map(privateHostKind),
    ).not.toContain(undefined);
    expect(['8.8.8.8', '172.32.0.1', '192.169.0.1', '2001:db8::1', 'example.com', 'localhost.example.com'].map(privateHostKind)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
