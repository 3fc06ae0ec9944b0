import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Journey } from '../../engine/index';
import type { NodeStats } from '../../server/journeys/step-log';
import { eventually, orderEvent, uniqueId } from '../support/journeys';
import { startStack, type Stack } from '../support/stack';

/** trigger → issue a coupon (issued or used up, both ways on) → a webhook → done. */
function couponThenWebhook(id: string, campaignId: string, url: string): Journey {
  return {
    schemaVersion: 1,
    id,
    name: id,
    status: 'draft',
    version: 0,
    nodes: [
      { id: 'trigger', type: 'trigger.event', config: { eventType: 'order.created', perOrder: true } },
      { id: 'coupon', type: 'coupon.issue', config: { campaignId } },
      { id: 'hook', type: 'webhook.post', config: { url, body: { order: '{{order.id}}' } } },
      { id: 'done', type: 'exit', config: {} },
    ],
    edges: [
      { from: 'trigger', port: 'next', to: 'coupon' },
      { from: 'coupon', port: 'next', to: 'hook' },
      { from: 'coupon', port: 'exhausted', to: 'hook' },
      { from: 'hook', port: 'next', to: 'done' },
    ],
    settings: { timezone: 'Asia/Shanghai', reEntry: 'never' },
    layout: { positions: {} },
  } as Journey;
}

/**
 * Refused and failed actions are counted on their steps (GET /api/journeys/:id/stats), on the
 * whole product: the real worker, Temporal, the address guard (no allow-list, so 127.0.0.1 is
 * refused) and the coupon service.
 */
describe('refused and failed actions per step, through real journeys', () => {
  let stack: Stack;
  beforeAll(async () => void (stack = await startStack({ httpAllow: [] })));
  afterAll(() => stack?.stop());

  const figures = async (journeyId: string) => {
    const r = await stack.api<{ nodes: NodeStats[] }>(`/api/journeys/${journeyId}/stats`);
    expect(r.status).toBe(200);
    return Object.fromEntries(r.body.nodes.map(({ nodeId, ...rest }) => [nodeId, rest]));
  };
  const publish = async (journey: Journey) => {
    expect((await stack.api('/api/journeys', { body: journey })).status).toBe(201);
    const published = await stack.api(`/api/journeys/${journey.id}/publish`, { method: 'POST' });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    return published.body;
  };
  const campaign = async (quantityCap: number) => {
    const id = uniqueId('camp');
    const made = await stack.api('/api/coupons/campaigns', {
      body: { id, name: id, kind: 'amount', value: 10, validDays: 7, quantityCap, codeSource: 'generated' },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    return id;
  };

  it('a webhook to 127.0.0.1 is refused on its step, and a used-up coupon campaign on the coupon step', async () => {
    const journey = couponThenWebhook(uniqueId('refused'), await campaign(1), 'http://127.0.0.1:9/hook');
    const published = await publish(journey);
    // Publish said so beforehand.
    expect(published.warnings.map((w: { code: string; nodeId: string }) => [w.code, w.nodeId])).toEqual([['webhook_address_refused', 'hook']]);
    for (const customer of [uniqueId('c'), uniqueId('c')]) {
      expect((await stack.api('/api/events', { body: orderEvent('order.created', customer, uniqueId('o'), { amount: 99 }) })).status).toBe(202);
    }
    const f = await eventually(async () => {
      const now = await figures(journey.id);
      return now.hook?.actionsRefused === 2 && now.coupon?.passed === 2 ? now : undefined;
    });
    // One customer got the only coupon, the other found the campaign used up; both went on.
    expect(f.coupon).toMatchObject({ entered: 2, passed: 2, actionsRefused: 1, actionsFailed: 0 });
    // The guard refused both posts, so neither customer passed the webhook.
    expect(f.hook).toMatchObject({ entered: 2, passed: 0, actionsRefused: 2, actionsFailed: 0 });
    expect(f.done?.entered ?? 0).toBe(0);
  });

  it('an action that fails for good is counted as failed on its step', async () => {
    const campaignId = await campaign(10);
    const journey = couponThenWebhook(uniqueId('failed'), campaignId, 'https://example.com/hook');
    await publish(journey);
    // The campaign disappears after publishing (removed from the database): the coupon step cannot issue, and retrying will not help.
    await stack.huitou.context.db.deleteFrom('coupon_campaigns').where('id', '=', campaignId).execute();
    expect((await stack.api('/api/events', { body: orderEvent('order.created', uniqueId('c'), uniqueId('o'), { amount: 99 }) })).status).toBe(202);
    const f = await eventually(async () => {
      const now = await figures(journey.id);
      return now.coupon?.actionsFailed === 1 ? now : undefined;
    });
    expect(f.coupon).toMatchObject({ entered: 1, passed: 0, actionsRefused: 0, actionsFailed: 1 });
    expect(f.hook).toBeUndefined();
  });
});
