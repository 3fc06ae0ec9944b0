import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, uniqueId } from '../support/journeys';
import { startStack, type Stack } from '../support/stack';
import { contactEvents, contactJourney, masked, person } from './contact-journey';

/**
 * Every endpoint that can show a customer's data, for each role: admin sees the real name, phone
 * and email; marketer and analyst see them masked — in fields, in rendered texts, subjects and
 * task titles, and in an attribute an `attribute.set` step copied them into.
 */
describe('personal data by role, per endpoint', () => {
  let stack: Stack;
  let journeyId: string;
  const customerId = uniqueId('c');
  const tokens: Record<'admin' | 'marketer' | 'analyst', string> = { admin: '', marketer: '', analyst: '' };
  const roles = ['admin', 'marketer', 'analyst'] as const;

  beforeAll(async () => {
    stack = await startStack();
    tokens.admin = stack.token;
    for (const role of ['marketer', 'analyst'] as const) tokens[role] = (await stack.api('/api/tokens', { body: { name: role, role } })).body.token;
    const journey = contactJourney();
    journeyId = journey.id;
    expect((await stack.api('/api/journeys', { body: journey })).status).toBe(201);
    expect((await stack.api(`/api/journeys/${journeyId}/publish`, { method: 'POST' })).status).toBe(200);
    for (const event of contactEvents(customerId)) expect((await stack.api('/api/events', { body: event })).status).toBe(202);
    // The journey ran: its three messages are stored and the attribute is set.
    await eventually(async () => {
      const { body } = await stack.api(`/api/messages?customerId=${customerId}`);
      const attribute = (await stack.api(`/api/customers/${customerId}`)).body?.customer?.attributes?.contact;
      return body.messages.length === 3 && attribute ? true : undefined;
    });
    expect((await stack.api('/api/facts/refresh', { method: 'POST' })).status).toBe(200);
  });
  afterAll(() => stack?.stop());

  /** The real values appear (admin), or none of them does and the masked forms do. */
  const expectSeen = (role: (typeof roles)[number], body: unknown, what: string) => {
    const json = JSON.stringify(body);
    const shown = role === 'admin' ? person : masked;
    const hidden = role === 'admin' ? masked : person;
    for (const key of ['name', 'phone', 'email'] as const) {
      expect(json, `${role} ${what} shows the ${key}`).toContain(shown[key]);
      expect(json, `${role} ${what} hides the ${key}`).not.toContain(hidden[key]);
    }
  };
  const contactsFor = (role: (typeof roles)[number]) => (role === 'admin' ? person : masked);

  it.each(roles)('GET /api/messages: recipients, texts, subjects and task titles (%s)', async (role) => {
    const r = await stack.api(`/api/messages?customerId=${customerId}`, { token: tokens[role] });
    expect(r.status).toBe(200);
    const c = contactsFor(role);
    const byNode = Object.fromEntries(r.body.messages.map((m: { nodeId: string }) => [m.nodeId, m]));
    expect(byNode.sms).toMatchObject({ customerId, recipient: c.phone, text: `${c.name}您好，手机${c.phone}，邮箱${c.email}` });
    expect(byNode.mail).toMatchObject({ customerId, recipient: c.email, subject: `${c.name}的订单`, text: `Hi ${c.name} (${c.email}, ${c.phone})` });
    expect(byNode.task).toMatchObject({ customerId, recipient: 'calls', subject: `致电 ${c.name}` });
    expect(byNode.task.text).toContain(`电话 ${c.phone}，邮箱 ${c.email}`);
    expectSeen(role, r.body, 'messages');
  });

  it.each(roles)('GET /api/customers and /api/customers/:id: contacts and the attribute copied from them (%s)', async (role) => {
    const c = contactsFor(role);
    const list = await stack.api('/api/customers', { token: tokens[role] });
    expect(list.status).toBe(200);
    expect(list.body.customers.find((x: { id: string }) => x.id === customerId)).toMatchObject({
      id: customerId,
      name: c.name,
      phone: c.phone,
      email: c.email,
    });
    expectSeen(role, list.body, 'customer list');

    const one = await stack.api(`/api/customers/${customerId}`, { token: tokens[role] });
    expect(one.status).toBe(200);
    expect(one.body.customer).toMatchObject({
      id: customerId,
      name: c.name,
      phone: c.phone,
      email: c.email,
      attributes: { contact: `${c.name} ${c.phone} ${c.email}` },
    });
    expectSeen(role, one.body, 'customer');
  });

  it.each(roles)('POST /api/simulate with the stored customer: rendered texts and subjects (%s)', async (role) => {
    const r = await stack.api('/api/simulate', {
      token: tokens[role],
      body: {
        journey: journeyId,
        customer: customerId,
        events: [{ at: '2026-11-11T10:00:00+08:00', type: 'order.created', data: { orderId: 'TB1', amount: 88 } }],
      },
    });
    expect(r.status).toBe(200);
    const c = contactsFor(role);
    const texts = r.body.messages.map((m: { text: string }) => m.text);
    expect(texts).toContain(`${c.name}您好，手机${c.phone}，邮箱${c.email}`);
    expect(texts).toContain(`Hi ${c.name} (${c.email}, ${c.phone})`);
    expectSeen(role, r.body, 'simulation');
  });

  it.each(roles)('POST /api/templates/preview with the stored customer, attribute included (%s)', async (role) => {
    const r = await stack.api('/api/templates/preview', {
      token: tokens[role],
      body: { customerId, channel: 'sms', template: '{{customer.name}} {{customer.phone}} {{customer.email}} [{{customer.contact}}]' },
    });
    expect(r.status).toBe(200);
    const c = contactsFor(role);
    expect(r.body.text).toBe(`${c.name} ${c.phone} ${c.email} [${c.name} ${c.phone} ${c.email}]`);
    expectSeen(role, r.body, 'preview');
  });

  it.each(['marketer', 'analyst'] as const)(
    'masks a phone and an email of anyone, and the contacts of a made-up customer, in a simulation (%s)',
    async (role) => {
      const r = await stack.api('/api/simulate', {
        token: tokens[role],
        body: {
          journey: journeyId,
          customer: { id: 'made-up', name: '赵一鸣', phone: '13600001111', email: 'zym@example.com' },
          events: [{ at: '2026-11-11T10:00:00+08:00', type: 'order.created', data: { orderId: 'TB2', amount: 88 } }],
        },
      });
      expect(r.status).toBe(200);
      expect(JSON.stringify(r.body)).not.toMatch(/赵一鸣|13600001111|zym@/);
      expect(r.body.messages.map((m: { text: string }) => m.text)).toContain('赵**您好，手机136****1111，邮箱z***@example.com');
    },
  );

  it('keeps the contacts out of the endpoints that show no customer', async () => {
    for (const path of ['/api/tags', '/api/kpis', `/api/journeys/${journeyId}/stats`, `/api/journeys/${journeyId}/conversions`, '/api/coupons/campaigns']) {
      for (const role of ['marketer', 'analyst'] as const) {
        const r = await stack.api(path, { token: tokens[role] });
        expect(r.status, `${role} ${path}`).toBe(200);
        expect(JSON.stringify(r.body), `${role} ${path}`).not.toMatch(/林晓雯|13912345678|linxw@/);
      }
    }
  });
});
