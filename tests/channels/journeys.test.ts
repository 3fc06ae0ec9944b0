import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Journey } from '../../engine/index';
import { databaseKinds, freshPostgresUrl } from '../support/databases';
import { eventually, orderEvent, uniqueId } from '../support/journeys';
import { startStack, type Stack } from '../support/stack';
import { startHttpSink, type HttpSink } from './http-sink';
import { startSmtpCapture } from './smtp-capture';

/** trigger (order.created) → one action → exit. */
function oneStep(id: string, step: Journey['nodes'][number]): Journey {
  return {
    schemaVersion: 1,
    id,
    name: id,
    status: 'draft',
    version: 0,
    nodes: [{ id: 'trigger', type: 'trigger.event', config: { eventType: 'order.created', perOrder: true } }, step, { id: 'done', type: 'exit', config: {} }],
    edges: [
      { from: 'trigger', port: 'next', to: step.id },
      { from: step.id, port: 'next', to: 'done' },
    ],
    settings: { timezone: 'Asia/Shanghai', reEntry: 'never' },
    layout: { positions: {} },
  } as Journey;
}

describe.each(databaseKinds)('journeys reaching the outside world, %s database', (kind) => {
  let stack: Stack;
  let hook: HttpSink;
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;

  beforeAll(async () => {
    hook = await startHttpSink('127.0.0.1');
    smtp = await startSmtpCapture();
    stack = await startStack({
      ...(kind === 'postgresql' ? { databaseUrl: await freshPostgresUrl() } : {}),
      httpAllow: ['127.0.0.1'],
      mail: { smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: 'Shop <shop@example.com>' },
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await hook?.close();
    await smtp?.close();
  });

  const publish = async (journey: Journey) => {
    expect((await stack.api('/api/journeys', { body: journey })).status).toBe(201);
    const published = await stack.api(`/api/journeys/${journey.id}/publish`, { method: 'POST' });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
  };

  it('emails the customer through SMTP with their name HTML-escaped, and records the message sent', async () => {
    const journey = oneStep(uniqueId('mail'), {
      id: 'thanks',
      type: 'message.send',
      config: { channel: 'email', subject: '订单 {{order.id}} 已收到', template: '<p>亲爱的 {{customer.name}}，谢谢您的订单 {{order.id}}。</p>' },
    });
    await publish(journey);
    const customer = uniqueId('c');
    const order = uniqueId('o');
    const name = '<script>alert(1)</script>王';
    expect(
      (await stack.api('/api/events', { body: orderEvent('order.created', customer, order, { amount: 88, customer: { name, email: 'wang@example.com' } }) }))
        .status,
    ).toBe(202);

    const mail = await eventually(async () => smtp.mails.find((m) => m.raw.includes(order)));
    expect(mail.from).toBe('shop@example.com');
    expect(mail.to).toEqual(['wang@example.com']);
    const parsed = await simpleParser(mail.raw);
    expect(parsed.subject).toBe(`订单 ${order} 已收到`);
    expect(parsed.html).toContain('<p>亲爱的 &lt;script&gt;alert(1)&lt;/script&gt;王，谢谢您的订单');
    expect(parsed.html).not.toContain('<script>');
    expect(parsed.text).toContain(`亲爱的 <script>alert(1)</script>王，谢谢您的订单 ${order}。`);

    const message = await eventually(async () => {
      const m = (await stack.api(`/api/messages?customerId=${customer}`)).body.messages[0];
      return m?.status === 'sent' ? m : undefined;
    });
    expect(message).toMatchObject({ channel: 'email', provider: 'smtp', attempts: 1, lastError: null });
    expect(Date.parse(message.sentAt)).not.toBeNaN();
  });

  it('posts the rendered JSON to an allow-listed webhook with the idempotency key', async () => {
    const journey = oneStep(uniqueId('hook'), {
      id: 'notify',
      type: 'webhook.post',
      config: {
        url: `http://127.0.0.1:${hook.port}/robot/send?token=abc`,
        headers: { Authorization: 'Bearer robot-token' },
        body: { msgtype: 'text', text: { content: '订单 {{order.id}} ¥{{order.amount}}' }, at: ['{{customer.id}}'], n: 1, urgent: false },
      },
    });
    await publish(journey);
    const customer = uniqueId('c');
    const order = uniqueId('o');
    await stack.api('/api/events', { body: orderEvent('order.created', customer, order, { amount: 128 }) });

    const workflowId = `journey:${journey.id}:${customer}:${order}`;
    const request = await eventually(async () => hook.received.find((r) => r.body.includes(order)));
    expect(request).toMatchObject({ method: 'POST', url: '/robot/send?token=abc' });
    expect(JSON.parse(request.body)).toEqual({ msgtype: 'text', text: { content: `订单 ${order} ¥128` }, at: [customer], n: 1, urgent: false });
    expect(request.headers.authorization).toBe('Bearer robot-token');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['idempotency-key']).toMatch(new RegExp(`^${workflowId}/[0-9a-f-]+/notify/1$`));
    const enrolment = await eventually(async () => {
      const e = await stack.huitou.context.enrolments.find(workflowId);
      return e?.status === 'completed' ? e : undefined;
    });
    expect(enrolment.journeyId).toBe(journey.id);
    expect(hook.received.filter((r) => r.body.includes(order))).toHaveLength(1);
  });

  it('fails the webhook step at once when the address is private and not allow-listed', async () => {
    const journey = oneStep(uniqueId('hook-refused'), {
      id: 'notify',
      type: 'webhook.post',
      config: { url: 'http://169.254.169.254/latest/meta-data/', body: { a: 1 } },
    });
    await publish(journey);
    const customer = uniqueId('c');
    const order = uniqueId('o');
    await stack.api('/api/events', { body: orderEvent('order.created', customer, order, { amount: 1 }) });
    const handle = stack.huitou.temporal.client.workflow.getHandle(`journey:${journey.id}:${customer}:${order}`);
    const started = Date.now();
    // Until the router has started the workflow, there is nothing to wait on.
    const result = await eventually(async () => handle.result().catch((e: Error) => (e.name === 'WorkflowNotFoundError' ? undefined : Promise.reject(e))));
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(result).toEqual({ exitNodeId: 'notify', reason: 'action-failed OutboundRefused' });
    const failed = (await handle.fetchHistory()).events!.filter((e) => e.activityTaskFailedEventAttributes);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.activityTaskFailedEventAttributes!.failure!.message).toMatch(/outbound HTTP to 169\.254\.169\.254 refused: linkLocal address/);
  });
});
