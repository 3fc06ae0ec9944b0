import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, orderEvent, paymentReminder, uniqueId } from '../support/journeys';
import { databaseKinds, freshPostgresUrl } from '../support/databases';
import { startStack, type Stack } from '../support/stack';

/**
 * The payment reminder (催付) end to end on a real Temporal server: events in through the API,
 * enrolment by the router, the journey workflow waiting for payment, the outbox out.
 */
describe.each(databaseKinds)('payment reminder on Temporal, %s database', (kind) => {
  let stack: Stack;
  let journeyId: string;

  beforeAll(async () => {
    stack = await startStack(kind === 'postgresql' ? { databaseUrl: await freshPostgresUrl() } : {});
    const journey = paymentReminder('PT3S');
    journeyId = journey.id;
    expect((await stack.api('/api/journeys', { body: journey })).status).toBe(201);
    const published = await stack.api(`/api/journeys/${journeyId}/publish`, { method: 'POST' });
    expect(published.status).toBe(200);
    expect(published.body.version).toBe(1);
  });
  afterAll(() => stack?.stop());

  const messagesOf = async (customerId: string) =>
    (await stack.api(`/api/messages?customerId=${customerId}&journeyId=${journeyId}`)).body.messages as Record<string, any>[];
  const enrolmentOf = (workflowId: string) => stack.huitou.context.enrolments.find(workflowId);

  it('sends one SMS when a small order stays unpaid', async () => {
    const customer = uniqueId('c');
    const order = uniqueId('o');
    const created = orderEvent('order.created', customer, order, { amount: 128, customer: { name: '王芳', phone: '13800001234' } });
    expect((await stack.api('/api/events', { body: created })).status).toBe(202);

    const workflowId = `journey:${journeyId}:${customer}:${order}`;
    await eventually(async () => ((await enrolmentOf(workflowId))?.status === 'completed' ? true : undefined));
    const messages = await messagesOf(customer);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      channel: 'sms',
      recipient: '13800001234',
      status: expect.stringMatching(/^(queued|sending|sent)$/),
      journeyId,
      journeyVersion: 1,
      nodeId: 'reminder-sms',
      customerId: customer,
    });
    expect(messages[0]!.text).toContain('王芳');
    expect(messages[0]!.text).toContain(order);
    expect(messages[0]!.idempotencyKey).toMatch(new RegExp(`^${workflowId}/[0-9a-f-]+/reminder-sms/1$`));
    // No SMS gateway is configured, so the worker delivers it to the local sink file.
    const delivered = await eventually(async () => {
      const m = (await messagesOf(customer))[0];
      return m?.status === 'sent' ? m : undefined;
    });
    expect(delivered).toMatchObject({ provider: 'local-sink', attempts: 1 });
    expect(delivered.sentAt).toEqual(expect.any(String));
  });

  it('gives staff a phone-call task when an order of 500 or more stays unpaid', async () => {
    const customer = uniqueId('c');
    const order = uniqueId('o');
    await stack.api('/api/events', { body: orderEvent('order.created', customer, order, { amount: 500 }) });
    const messages = await eventually(async () => {
      const m = await messagesOf(customer);
      return m.length > 0 ? m : undefined;
    });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ channel: 'task', recipient: 'staff', status: 'open', nodeId: 'call-task' });
    expect(messages[0]!.subject).toBe(`电话催付 ${order}`);
  });

  it('sends nothing when the order is paid in time', async () => {
    const customer = uniqueId('c');
    const order = uniqueId('o');
    await stack.api('/api/events', {
      body: [orderEvent('order.created', customer, order, { amount: 128 }), orderEvent('order.paid', customer, order, { amount: 128 })],
    });
    const workflowId = `journey:${journeyId}:${customer}:${order}`;
    const enrolment = await eventually(async () => {
      const e = await enrolmentOf(workflowId);
      return e?.status === 'completed' ? e : undefined;
    });
    expect(enrolment.journeyVersion).toBe(1);
    const result = await stack.huitou.temporal.client.workflow.getHandle(workflowId).result();
    expect(result).toEqual({ exitNodeId: 'paid', reason: 'exit-node' });
    expect(await messagesOf(customer)).toHaveLength(0);
  });

  it('ignores payment of another order by the same customer', async () => {
    const customer = uniqueId('c');
    const order = uniqueId('o');
    await stack.api('/api/events', {
      body: [orderEvent('order.created', customer, order, { amount: 60 }), orderEvent('order.paid', customer, uniqueId('other'), { amount: 60 })],
    });
    const messages = await eventually(async () => {
      const m = await messagesOf(customer);
      return m.length > 0 ? m : undefined;
    });
    expect(messages.map((m) => m.nodeId)).toEqual(['reminder-sms']);
  });

  it('enrols once for duplicate order.created events', async () => {
    const customer = uniqueId('c');
    const order = uniqueId('o');
    const created = orderEvent('order.created', customer, order, { amount: 99 });
    const again = { ...orderEvent('order.created', customer, order, { amount: 99 }) };
    const first = await stack.api('/api/events', { body: [created, created] });
    expect(first.body.accepted.map((a: any) => a.duplicate)).toEqual([false, true]);
    await stack.api('/api/events', { body: again });
    const workflowId = `journey:${journeyId}:${customer}:${order}`;
    await eventually(async () => ((await enrolmentOf(workflowId))?.status === 'completed' ? true : undefined));
    // A late duplicate after the journey ended must not enrol the order again.
    await stack.api('/api/events', { body: orderEvent('order.created', customer, order, { amount: 99 }) });
    await stack.huitou.context.router.kick();
    expect(await stack.huitou.context.enrolments.count({ customerId: customer })).toBe(1);
    expect(await messagesOf(customer)).toHaveLength(1);
    const runs = [];
    for await (const run of stack.huitou.temporal.client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) runs.push(run);
    expect(runs).toHaveLength(1);
  });
});
