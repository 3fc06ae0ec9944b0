import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistry, stampForPublish, validateJourney, type ActionContext, type NodeDefinition } from '../../engine/index';
import { createOutboundHttp } from '../../server/messaging/outbound-http';
import dingTalkRobot from '../../plugins/dingtalk-robot/index';
import { freshPostgresUrl } from '../support/databases';
import { eventually, orderEvent, uniqueId } from '../support/journeys';
import { startStack } from '../support/stack';
import { pluginJourney } from './journeys';

interface Received {
  url: URL;
  body: any;
}

/**
 * The DingTalk robot plugin against a real HTTP server on loopback standing in for
 * oapi.dingtalk.com, through the real SSRF-guarded outbound HTTP service with loopback
 * allow-listed. The test checks the signature as DingTalk does.
 */
describe('DingTalk group robot plugin', () => {
  const secret = 'SECtest-secret-0123456789';
  const received: Received[] = [];
  let answer: { errcode: number; errmsg: string } = { errcode: 0, errmsg: 'ok' };
  let server: Server;
  let base: string;
  const http = createOutboundHttp({ allow: ['127.0.0.1'] });

  beforeAll(async () => {
    server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      req.on('end', () => {
        received.push({ url: new URL(req.url!, 'http://127.0.0.1'), body: JSON.parse(raw) });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/robot/send?access_token=tok-123`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const run = (config: Record<string, unknown>, services: Partial<ActionContext['services']> = {}) => {
    const def = dingTalkRobot as NodeDefinition;
    if (def.behaviour.kind !== 'action') throw new Error('not an action');
    return def.behaviour.run(def.config.parse(config), {
      journeyId: 'j',
      journeyVersion: 1,
      nodeId: 'robot',
      idempotencyKey: 'wf/run/robot/1',
      priority: 5,
      customer: { id: 'c1', name: '王芳' },
      event: { id: 'e1', type: 'order.created', customerId: 'c1', occurredAt: '2026-11-23T02:00:00Z', data: { orderId: 'o-42', amount: 688 } },
      services: { http, ...services } as ActionContext['services'],
    } as ActionContext);
  };

  it('posts a signed text message that DingTalk would accept', async () => {
    received.length = 0;
    const before = Date.now();
    const result = await run({ webhook: base, secret, content: '{{customer.name}} 的订单 {{order.id}}（¥{{order.amount}}）未付款' });
    expect(result).toEqual({ summary: 'dingtalk text sent' });
    expect(received).toHaveLength(1);
    const { url, body } = received[0]!;
    expect(url.pathname).toBe('/robot/send');
    expect(url.searchParams.get('access_token')).toBe('tok-123');
    const timestamp = Number(url.searchParams.get('timestamp'));
    expect(timestamp).toBeGreaterThanOrEqual(before);
    expect(timestamp).toBeLessThanOrEqual(Date.now());
    // DingTalk's check: base64(HMAC-SHA256(secret, timestamp + "\n" + secret)).
    const expected = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
    expect(url.searchParams.get('sign')).toBe(expected);
    expect(body).toEqual({ msgtype: 'text', text: { content: '王芳 的订单 o-42（¥688）未付款' }, at: { isAtAll: false } });
  });

  it('posts markdown with a title, unsigned when the robot has no secret', async () => {
    received.length = 0;
    await run({ webhook: base, msgtype: 'markdown', title: '未付款 {{order.id}}', content: '### {{order.id}}\n金额 **{{order.amount}}**', atAll: true });
    const { url, body } = received[0]!;
    expect(url.searchParams.has('sign')).toBe(false);
    expect(url.searchParams.has('timestamp')).toBe(false);
    expect(body).toEqual({ msgtype: 'markdown', markdown: { title: '未付款 o-42', text: '### o-42\n金额 **688**' }, at: { isAtAll: true } });
  });

  it('fails when DingTalk answers with an error code; a security refusal is not retried', async () => {
    answer = { errcode: 130101, errmsg: 'send too fast' };
    await expect(run({ webhook: base })).rejects.toMatchObject({ name: 'DingTalkError', message: expect.stringContaining('130101') });
    answer = { errcode: 310000, errmsg: 'sign not match' };
    await expect(run({ webhook: base, secret })).rejects.toMatchObject({ name: 'DingTalkRejected' });
    answer = { errcode: 0, errmsg: 'ok' };
    expect((dingTalkRobot as NodeDefinition).activity?.retry.nonRetryableErrorTypes).toContain('DingTalkRejected');
  });

  it('is refused by the outbound guard when the address is private and not allow-listed', async () => {
    received.length = 0;
    await expect(run({ webhook: base }, { http: createOutboundHttp({ allow: [] }) })).rejects.toMatchObject({ name: 'OutboundRefused' });
    expect(received).toHaveLength(0);
  });

  it('runs in a published journey on the whole product: palette entry, publish, worker, signed request', async () => {
    received.length = 0;
    // The shipped manifest (plugins/manifest.json) is read at start; loopback is allow-listed.
    const stack = await startStack({ databaseUrl: await freshPostgresUrl(), httpAllow: ['127.0.0.1'] });
    try {
      const types = (await stack.api('/api/node-types')).body.nodeTypes as Record<string, any>[];
      const robot = types.find((t) => t.type === 'dingtalk.robot')!;
      expect(robot).toMatchObject({ version: 1, versions: [1], category: 'action', icon: '🤖', behaviour: 'action', ports: ['next'] });
      expect(robot.labels['zh-CN'].title).toBe('钉钉群机器人');
      expect(Object.keys(robot.configSchema.properties)).toEqual(['webhook', 'secret', 'msgtype', 'title', 'content', 'atAll']);
      expect(robot.configSchema.required).toEqual(['webhook']);
      // The form's texts in both languages come from the plugin's file.
      expect(robot.configSchema.properties.webhook['x-i18n']['zh-CN'].title).toBe('Webhook 地址');
      // The plugin's channel joins the built-in ones, after them, for the designer to name.
      const channels = (await stack.api('/api/node-types')).body.channels as { key: string; labels: Record<'zh-CN' | 'en', { name: string }> }[];
      expect(channels.map((c) => c.key)).toEqual(['sms', 'email', 'task', 'webhook', 'dingtalk']);
      expect(channels.at(-1)!.labels['zh-CN'].name).toBe('钉钉');

      const journey = pluginJourney('dingtalk.robot');
      journey.nodes.find((n) => n.id === 'plugin-step')!.config = { webhook: base, secret, content: '订单 {{order.id}} 金额 {{order.amount}}' };
      expect((await stack.api('/api/journeys', { body: journey })).status).toBe(201);
      const published = await stack.api(`/api/journeys/${journey.id}/publish`, { method: 'POST' });
      expect(published.status).toBe(200);
      expect(published.body.journey.nodes.find((n: { id: string }) => n.id === 'plugin-step')).toMatchObject({
        typeVersion: 1,
        activity: { startToCloseTimeoutMs: 20_000, retry: { maximumAttempts: 5, nonRetryableErrorTypes: ['DingTalkRejected', 'OutboundRefused'] } },
      });

      const customer = uniqueId('c');
      const order = uniqueId('o');
      await stack.api('/api/events', { body: orderEvent('order.created', customer, order, { amount: 256 }) });
      const workflowId = `journey:${journey.id}:${customer}:${order}`;
      await eventually(async () => ((await stack.huitou.context.enrolments.find(workflowId))?.status === 'completed' ? true : undefined));
      expect(received).toHaveLength(1);
      const { url, body } = received[0]!;
      const timestamp = url.searchParams.get('timestamp')!;
      expect(url.searchParams.get('sign')).toBe(createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64'));
      expect(body).toEqual({ msgtype: 'text', text: { content: `订单 ${order} 金额 256` }, at: { isAtAll: false } });
    } finally {
      await stack.stop();
    }
  });

  it('is validated like a built-in: a webhook without access_token is reported at its field', () => {
    const registry = createRegistry([dingTalkRobot as NodeDefinition]);
    const journey = pluginJourney('dingtalk.robot');
    journey.nodes.find((n) => n.id === 'plugin-step')!.config = { webhook: 'https://oapi.dingtalk.com/robot/send', content: 'hi {{#order}}' };
    const result = validateJourney(stampForPublish(journey, registry), registry, 'en');
    expect(result.problems.map((p) => p.path)).toEqual(['nodes[1].config.webhook', 'nodes[1].config.content']);
    expect(result.problems[0]!.message).toContain('access_token');
  });
});
