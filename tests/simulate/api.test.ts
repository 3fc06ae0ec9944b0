import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleJourney, uniqueId } from '../support/journeys';
import { startStack, type Stack } from '../support/stack';

describe('POST /api/simulate', () => {
  let stack: Stack;
  let journeyId: string;
  beforeAll(async () => {
    stack = await startStack();
    const journey = exampleJourney('payment-reminder');
    journeyId = journey.id;
    expect((await stack.api('/api/journeys', { body: journey })).status).toBe(201);
  });
  afterAll(() => stack?.stop());

  it('simulates a stored journey for a made-up customer: the SMS 25 minutes after the unpaid order', async () => {
    const r = await stack.api('/api/simulate', {
      body: {
        journey: journeyId,
        customer: { id: 'sim-1', name: '李雷', phone: '13900000000', facts: { orderCount: 1 } },
        events: [{ at: '2026-11-11T10:00:00+08:00', type: 'order.created', data: { orderId: 'TB9', amount: 99 } }],
      },
    });
    expect(r.status).toBe(200);
    expect(r.body.messages).toEqual([
      expect.objectContaining({ at: '2026-11-11T02:25:00.000Z', channel: 'sms', status: 'sent', text: expect.stringContaining('李雷') }),
    ]);
    expect(r.body).toMatchObject({ entered: true, reason: 'exit-node', exitedAt: '2026-11-11T02:25:00.000Z' });
    // Nothing was sent or stored.
    expect((await stack.api('/api/messages?customerId=sim-1')).body.messages).toEqual([]);
  });

  it('uses a stored customer’s profile, and the shop’s quiet hours', async () => {
    const customer = uniqueId('c');
    const updated = {
      id: uniqueId('e'),
      type: 'customer.updated',
      customerId: customer,
      occurredAt: new Date().toISOString(),
      data: { name: '韩梅梅', phone: '13700000000' },
    };
    expect((await stack.api('/api/events', { body: updated })).status).toBe(202);
    const settings = (await stack.api('/api/settings')).body.settings;
    expect(
      (
        await stack.api('/api/settings', {
          method: 'PUT',
          body: { ...settings, messaging: { quietHours: { from: '21:00', to: '09:00', mode: 'hold' }, frequencyCaps: [] } },
        })
      ).status,
    ).toBe(200);
    try {
      const r = await stack.api('/api/simulate', {
        body: { journey: journeyId, customer, events: [{ at: '2026-11-11T22:00:00+08:00', type: 'order.created', data: { orderId: 'TB10', amount: 99 } }] },
      });
      expect(r.status).toBe(200);
      expect(r.body.messages).toEqual([expect.objectContaining({ status: 'held', at: '2026-11-12T01:00:00.000Z', text: expect.stringContaining('韩梅梅') })]);
      // A marketer may not see the stored customer's name: the rendered text masks it too.
      const marketer = (await stack.api('/api/tokens', { body: { name: 'sim-marketer', role: 'marketer' } })).body.token as string;
      const masked = await stack.api('/api/simulate', {
        token: marketer,
        body: { journey: journeyId, customer, events: [{ at: '2026-11-11T22:00:00+08:00', type: 'order.created', data: { orderId: 'TB11', amount: 99 } }] },
      });
      expect(masked.status).toBe(200);
      expect(masked.body.messages[0].text).toContain('韩**');
      expect(masked.body.messages[0].text).not.toContain('韩梅梅');
    } finally {
      await stack.api('/api/settings', { method: 'PUT', body: settings });
    }
  });

  it('names the bad field', async () => {
    const r = await stack.api('/api/simulate', { body: { journey: journeyId, customer: 'x', events: [{ at: 'yesterday', type: 'order.created' }] } });
    expect(r.status).toBe(400);
    expect(r.body.problems[0]).toMatchObject({ path: 'events[0].at' });
    expect(r.body.problems[0].message).toMatch(/ISO 8601/);
    expect(
      (await stack.api('/api/simulate', { body: { journey: 'nope', customer: 'x', events: [{ at: '2026-11-11T10:00:00+08:00', type: 'order.created' }] } }))
        .status,
    ).toBe(404);
    const invalid = exampleJourney('payment-reminder', (j) => (j.edges = j.edges.slice(1)));
    const bad = await stack.api('/api/simulate', {
      body: { journey: invalid, customer: 'x', events: [{ at: '2026-11-11T10:00:00+08:00', type: 'order.created' }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('invalid_journey');
  });

  it('names the bad field in Chinese for a Chinese caller, the events and the time range included', async () => {
    const r = await stack.api('/api/simulate?locale=zh-CN', { body: { journey: journeyId, customer: 'x', events: [], from: 'today' } });
    expect(r.status).toBe(400);
    const messages = (r.body.problems as { path: string; message: string }[]).map((p) => `${p.path} ${p.message}`);
    expect(messages).toContainEqual(expect.stringMatching(/^events 事件：/));
    expect(messages).toContainEqual(expect.stringMatching(/^from 开始时间：/));
  });
});
