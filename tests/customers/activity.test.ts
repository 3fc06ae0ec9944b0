import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Journey } from '../../engine/index';
import { contactEvents, masked, person } from '../pii/contact-journey';
import { databaseKinds, freshPostgresUrl } from '../support/databases';
import { eventually, uniqueId } from '../support/journeys';
import { startStack, type Stack } from '../support/stack';

/**
 * A customer's page data (GET /api/customers/:id/activity) through the whole product: a real journey
 * on Temporal issues a coupon, sends an SMS carrying the customer's contacts and waits a day; the
 * activity lists the order, the journey at its wait step, the message and the coupon — with the
 * contacts masked for an analyst, whole for admin.
 */
describe.each(databaseKinds)('customer activity, %s database', (kind) => {
  let stack: Stack;
  let analyst: string;
  let journeyId: string;
  const customerId = uniqueId('c');

  beforeAll(async () => {
    stack = await startStack(kind === 'postgresql' ? { databaseUrl: await freshPostgresUrl() } : {});
    analyst = (await stack.api('/api/tokens', { body: { name: 'analysis', role: 'analyst' } })).body.token;
    const campaign = await stack.api('/api/coupons/campaigns', {
      body: { name: '回头礼 ¥10', kind: 'amount', value: 10, minimumSpend: 0, validDays: 7, codeSource: 'generated', codePrefix: 'BACK-' },
    });
    expect(campaign.status, JSON.stringify(campaign.body)).toBe(201);
    journeyId = uniqueId('care');
    const journey: Journey = {
      schemaVersion: 1,
      id: journeyId,
      name: '购后关怀',
      status: 'draft',
      version: 0,
      nodes: [
        { id: 'trigger', type: 'trigger.event', config: { eventType: 'order.created', perOrder: false } },
        { id: 'coupon', type: 'coupon.issue', config: { campaignId: campaign.body.campaign.id } },
        {
          id: 'sms',
          type: 'message.send',
          config: { channel: 'sms', transactional: true, template: '{{customer.name}}您好，券{{coupon.code}}已到账，手机{{customer.phone}}' },
        },
        { id: 'pause', type: 'wait', config: { duration: 'P1D' } },
        { id: 'done', type: 'exit', config: {} },
        { id: 'none', type: 'exit', config: {} },
      ],
      edges: [
        { from: 'trigger', port: 'next', to: 'coupon' },
        { from: 'coupon', port: 'next', to: 'sms' },
        { from: 'coupon', port: 'exhausted', to: 'none' },
        { from: 'sms', port: 'next', to: 'pause' },
        { from: 'pause', port: 'next', to: 'done' },
      ],
      settings: { timezone: 'Asia/Shanghai', reEntry: 'never', priority: 5, exitWhen: [] },
      layout: { positions: {} },
    };
    expect((await stack.api('/api/journeys', { body: journey })).status).toBe(201);
    expect((await stack.api(`/api/journeys/${journeyId}/publish`, { method: 'POST' })).status).toBe(200);
    for (const event of contactEvents(customerId)) expect((await stack.api('/api/events', { body: event })).status).toBe(202);
    await eventually(async () => {
      const { body } = await stack.api(`/api/customers/${customerId}/activity`);
      return body?.journeys?.[0]?.step && body.messages.length === 1 ? true : undefined;
    });
  });
  afterAll(() => stack?.stop());

  it('lists the order, the journey at its step, the message and the coupon (admin sees the contacts)', async () => {
    const res = await stack.api(`/api/customers/${customerId}/activity`);
    expect(res.status).toBe(200);
    const { orders, journeys, messages, coupons } = res.body;
    expect(orders).toEqual([expect.objectContaining({ status: 'created', amount: 88 })]);
    expect(journeys).toEqual([
      expect.objectContaining({ journeyId, journeyName: '购后关怀', version: 1, status: 'active', step: { nodeId: 'pause', type: 'wait' } }),
    ]);
    expect(coupons).toEqual([expect.objectContaining({ campaignName: '回头礼 ¥10', code: expect.stringMatching(/^BACK-/), redeemedAt: null })]);
    expect(messages).toEqual([expect.objectContaining({ channel: 'sms', recipient: person.phone, journeyId, journeyName: '购后关怀', nodeId: 'sms' })]);
    expect(messages[0].text).toBe(`${person.name}您好，券${coupons[0].code}已到账，手机${person.phone}`);
  });

  it('masks names and phones for an analyst, in the recipient and inside the message text', async () => {
    const res = await stack.api(`/api/customers/${customerId}/activity`, { token: analyst });
    expect(res.status).toBe(200);
    const json = JSON.stringify(res.body);
    for (const value of [person.name, person.phone, person.email]) expect(json).not.toContain(value);
    expect(res.body.messages[0].recipient).toBe(masked.phone);
    expect(res.body.messages[0].text).toContain(`${masked.name}您好`);
    expect(res.body.messages[0].text).toContain(`手机${masked.phone}`);
    // The customer page's profile too.
    const detail = await stack.api(`/api/customers/${customerId}`, { token: analyst });
    expect(detail.body.customer).toMatchObject(masked);
  });

  it('bounds each list by limit, and answers 404 for an unknown customer', async () => {
    const none = await stack.api('/api/customers/nobody/activity');
    expect(none.status).toBe(404);
    const bad = await stack.api(`/api/customers/${customerId}/activity?limit=500`);
    expect(bad.status).toBe(400);
    expect(bad.body.problems).toEqual([expect.objectContaining({ path: 'limit' })]);
  });
});
