import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Journey } from '../../engine/index';
import { eventually, orderEvent, uniqueId } from '../support/journeys';
import type { NodeStats } from '../../server/journeys/step-log';
import { startStack, type Stack } from '../support/stack';
import { statsJourney } from '../support/stats-journey';

describe('live per-node figures of a running journey (GET /api/journeys/:id/stats)', () => {
  let stack: Stack;
  beforeAll(async () => void (stack = await startStack()));
  afterAll(() => stack?.stop());

  const figures = async (journeyId: string, query = '') => {
    const r = await stack.api<{ nodes: NodeStats[]; version: number | null }>(`/api/journeys/${journeyId}/stats${query}`);
    expect(r.status).toBe(200);
    return Object.fromEntries(r.body.nodes.map(({ nodeId, ...rest }) => [nodeId, rest]));
  };
  const zero = { entered: 0, waiting: 0, passed: 0, sent: 0, queued: 0, failed: 0, capped: 0, skipped: 0, converted: 0, actionsRefused: 0, actionsFailed: 0 };

  it('counts who entered, waits and passed each node, and the SMS node’s sent and capped messages', async () => {
    // One SMS a day per customer: the second order of the same customer is capped.
    const settings = (await stack.api('/api/settings')).body.settings;
    const messaging = { ...settings.messaging, frequencyCaps: [{ channel: 'sms', max: 1, within: 'P1D' }], arbitrationSeconds: 1 };
    expect((await stack.api('/api/settings', { method: 'PUT', body: { ...settings, messaging } })).status).toBe(200);

    const journey = statsJourney('PT3S');
    expect((await stack.api('/api/journeys', { body: journey })).status).toBe(201);
    expect((await stack.api(`/api/journeys/${journey.id}/publish`, { method: 'POST' })).status).toBe(200);
    const [a, b, c] = [uniqueId('c'), uniqueId('c'), uniqueId('c')];
    const orders = [
      orderEvent('order.created', a, uniqueId('o'), { amount: 150, customer: { phone: '13800001111' } }),
      orderEvent('order.created', b, uniqueId('o'), { amount: 50, customer: { phone: '13800002222' } }),
      orderEvent('order.created', c, uniqueId('o'), { amount: 300, customer: { phone: '13800003333' } }),
      orderEvent('order.created', a, uniqueId('o'), { amount: 200 }),
    ];
    for (const o of orders) expect((await stack.api('/api/events', { body: o })).status).toBe(202);

    // While the four wait: each is counted at the wait, and as having passed the trigger.
    const waiting = await eventually(
      async () => {
        const f = await figures(journey.id);
        return f.wait?.waiting === 4 ? f : undefined;
      },
      20_000,
      100,
    );
    expect(waiting).toEqual({ trigger: { ...zero, entered: 4, passed: 4 }, wait: { ...zero, entered: 4, waiting: 4 } });

    // All four have left: every node's figures are exact.
    const workflowIds = orders.map((o) => `journey:${journey.id}:${o.customerId}:${String(o.data.orderId)}`);
    await eventually(async () => {
      const rows = await Promise.all(workflowIds.map((id) => stack.huitou.context.enrolments.find(id)));
      return rows.every((r) => r?.status === 'completed') ? true : undefined;
    });
    const done = await eventually(async () => {
      const f = await figures(journey.id);
      return f.sms?.queued === 0 ? f : undefined; // the dispatcher has delivered the SMS it may send
    });
    expect(done).toEqual({
      trigger: { ...zero, entered: 4, passed: 4 },
      wait: { ...zero, entered: 4, passed: 4 },
      big: { ...zero, entered: 4, passed: 4 },
      sms: { ...zero, entered: 3, passed: 3, sent: 2, capped: 1 },
      done: { ...zero, entered: 3, passed: 3 },
      small: { ...zero, entered: 1, passed: 1 },
    });
    // Version 1 is all there is; version 2 was never published: not found, rather than empty figures.
    expect(await figures(journey.id, '?version=1')).toEqual(done);
    const missing = await stack.api(`/api/journeys/${journey.id}/stats?version=2`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: 'not_found', message: `version: journey "${journey.id}" has no published version 2 (its published versions: 1)` });
    await stack.api('/api/settings', { method: 'PUT', body: settings });
  });

  it('shows a stopped journey’s waiting customers leaving the wait', async () => {
    const journey = statsJourney('P1D');
    expect((await stack.api('/api/journeys', { body: journey })).status).toBe(201);
    expect((await stack.api(`/api/journeys/${journey.id}/publish`, { method: 'POST' })).status).toBe(200);
    for (const customer of [uniqueId('c'), uniqueId('c')]) {
      expect((await stack.api('/api/events', { body: orderEvent('order.created', customer, uniqueId('o'), { amount: 120 }) })).status).toBe(202);
    }
    await eventually(async () => ((await figures(journey.id)).wait?.waiting === 2 ? true : undefined), 20_000, 100);
    expect((await stack.api(`/api/journeys/${journey.id}/stop`, { method: 'POST' })).status).toBe(200);
    const after = await eventually(async () => {
      const f = await figures(journey.id);
      return f.wait?.waiting === 0 ? f : undefined;
    });
    // They entered the wait and left from it: nobody passed it.
    expect(after).toEqual({ trigger: { ...zero, entered: 2, passed: 2 }, wait: { ...zero, entered: 2 } });
  });

  it('counts customers held by a pause as waiting at the step they hold before, and lets them on when resumed', async () => {
    const journey = statsJourney('PT2S');
    expect((await stack.api('/api/journeys', { body: journey })).status).toBe(201);
    expect((await stack.api(`/api/journeys/${journey.id}/publish`, { method: 'POST' })).status).toBe(200);
    for (const amount of [40, 60]) {
      expect((await stack.api('/api/events', { body: orderEvent('order.created', uniqueId('c'), uniqueId('o'), { amount }) })).status).toBe(202);
    }
    await eventually(async () => ((await figures(journey.id)).wait?.waiting === 2 ? true : undefined), 20_000, 100);
    expect((await stack.api(`/api/journeys/${journey.id}/pause`, { method: 'POST' })).status).toBe(200);
    // The wait ends; the pause holds them before the condition.
    const held = await eventually(
      async () => {
        const f = await figures(journey.id);
        return f.big?.waiting === 2 ? f : undefined;
      },
      20_000,
      100,
    );
    expect(held).toEqual({ trigger: { ...zero, entered: 2, passed: 2 }, wait: { ...zero, entered: 2, passed: 2 }, big: { ...zero, entered: 2, waiting: 2 } });
    expect((await stack.api(`/api/journeys/${journey.id}/resume`, { method: 'POST' })).status).toBe(200);
    const after = await eventually(async () => {
      const f = await figures(journey.id);
      return f.small?.passed === 2 ? f : undefined;
    });
    expect(after.big).toEqual({ ...zero, entered: 2, passed: 2 });
  });

  it('refuses a bad version and an unknown journey, and lets analysts read', async () => {
    const journey = statsJourney('PT1S');
    expect((await stack.api('/api/journeys', { body: journey })).status).toBe(201);
    const bad = await stack.api(`/api/journeys/${journey.id}/stats?version=first`);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^version: /);
    expect((await stack.api('/api/journeys/no-such-journey/stats')).status).toBe(404);
    const draftOnly = await stack.api(`/api/journeys/${journey.id}/stats?version=1`);
    expect(draftOnly.status).toBe(404);
    expect(draftOnly.body.message).toBe(`version: journey "${journey.id}" has no published version 1 (it is not published yet)`);
    const analyst = (await stack.api('/api/tokens', { body: { name: 'stats-reader', role: 'analyst' } })).body.token as string;
    const read = await stack.api(`/api/journeys/${journey.id}/stats?version=all`, { token: analyst });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ journeyId: journey.id, version: null, versions: [], nodes: [] });
    expect((await stack.api(`/api/journeys/${journey.id}/stats`, { token: null })).status).toBe(401);
    const openapi = (await stack.api('/api/openapi.json')).body;
    expect(openapi.paths['/api/journeys/{id}/stats'].get.responses['200']).toBeDefined();
  });
});
