import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Journey } from '../../engine/index';
import { databaseKinds, freshPostgresUrl } from '../support/databases';
import { eventually, orderEvent, uniqueId } from '../support/journeys';
import { startStack, type Stack } from '../support/stack';
import { startWecomServer, type WecomServer } from './wecom-process';

/**
 * The whole way with WeCom configured as the runtime reads it: an event enters a published
 * journey whose call task names the customer's owner; the worker stores the task for delivery,
 * the dispatcher sends it to the local WeCom server (its own process), and the API shows it sent.
 */
describe.each(databaseKinds)("a journey's staff task reaching WeCom, %s database", (kind) => {
  let stack: Stack;
  let wecom: WecomServer;
  beforeAll(async () => {
    wecom = await startWecomServer(['lisi', 'duty.manager']);
    stack = await startStack({
      ...(kind === 'postgresql' ? { databaseUrl: await freshPostgresUrl() } : {}),
      wecom: { kind: 'app', apiUrl: wecom.url, corpId: wecom.corpId, secret: wecom.secret, agentId: wecom.agentId, fallbackUser: 'duty.manager' },
      publicUrl: 'https://huitou.shop.example',
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await wecom?.stop();
  });

  it("sends the payment reminder's call task to the customer's owner and records it sent by wecom-app", async () => {
    const id = uniqueId('unpaid');
    const journey = {
      schemaVersion: 1,
      id,
      name: '高额未付款电话',
      status: 'draft',
      version: 0,
      nodes: [
        { id: 'trigger', type: 'trigger.event', config: { eventType: 'order.created', perOrder: true } },
        {
          id: 'call-task',
          type: 'message.send',
          config: {
            channel: 'task',
            subject: '电话催付 {{order.id}}',
            template: '请致电 {{customer.name}}，订单 ¥{{order.amount}}。',
            assigneeAttribute: 'owner',
          },
        },
        { id: 'done', type: 'exit', config: {} },
      ],
      edges: [
        { from: 'trigger', port: 'next', to: 'call-task' },
        { from: 'call-task', port: 'next', to: 'done' },
      ],
      settings: { timezone: 'Asia/Shanghai', reEntry: 'never' },
      layout: { positions: {} },
    } as Journey;
    expect((await stack.api('/api/journeys', { body: journey })).status).toBe(201);
    expect((await stack.api(`/api/journeys/${id}/publish`, { method: 'POST' })).status).toBe(200);

    const customer = uniqueId('c');
    const order = uniqueId('o');
    const profile = {
      id: uniqueId('e'),
      type: 'customer.updated',
      customerId: customer,
      occurredAt: new Date().toISOString(),
      data: { attributes: { owner: 'lisi' } },
    };
    expect((await stack.api('/api/events', { body: profile })).status).toBe(202);
    expect((await stack.api('/api/events', { body: orderEvent('order.created', customer, order, { amount: 900, customer: { name: '王芳' } }) })).status).toBe(
      202,
    );

    const request = await eventually(async () => (await wecom.received()).find((r) => r.body.text.content.includes(order)));
    expect(request.body).toMatchObject({ touser: 'lisi', agentid: wecom.agentId, msgtype: 'text' });
    expect(request.body.text.content).toBe(
      [
        `【客服任务】电话催付 ${order}`,
        '请致电 王芳，订单 ¥900。',
        '',
        '旅程：高额未付款电话　步骤：call-task',
        `客户：<a href="https://huitou.shop.example/#/customers/${customer}">${customer}（打开客户页）</a>`,
      ].join('\n'),
    );
    const message = await eventually(async () => {
      const m = (await stack.api(`/api/messages?customerId=${customer}`)).body.messages[0];
      return m?.status === 'sent' ? m : undefined;
    });
    expect(message).toMatchObject({ channel: 'task', recipient: 'staff/lisi', provider: 'wecom-app', attempts: 1, lastError: null });
  });
});
