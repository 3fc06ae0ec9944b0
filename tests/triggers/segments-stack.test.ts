import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Journey } from '../../engine/index';
import { fromLocal, toLocal } from '../../engine/time/zoned';
import { broadcastWorkflowId } from '../../server/journeys/triggers/broadcasts';
import { eventually, lineJourney, orderEvent, uniqueId } from '../support/journeys';
import { startStack, type Stack } from '../support/stack';

const SHOP_ZONE = 'Asia/Shanghai';

/** Trigger → an SMS → exit. */
const journeyWith = (id: string, trigger: { type: string; config: Record<string, unknown> }, template: string): Journey =>
  lineJourney(id, { id: 'trigger', ...trigger }, [{ id: 'send', type: 'message.send', config: { channel: 'sms', template } }]);

/** Segments as journeys' entries and broadcasts' audiences, on the whole product: API, router, facts, the real Temporal. */
describe('segment triggers and segment broadcasts, end to end', () => {
  let stack: Stack;
  beforeAll(async () => void (stack = await startStack()));
  afterAll(() => stack?.stop());

  const publish = async (journey: Journey) => {
    expect((await stack.api('/api/journeys', { body: journey })).status).toBe(201);
    const published = await stack.api(`/api/journeys/${journey.id}/publish`, { method: 'POST' });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    return published.body;
  };
  const buy = async (customerId: string, region: string) => {
    const order = uniqueId('o');
    const res = await stack.api('/api/events', {
      body: [
        { id: uniqueId('upd'), type: 'customer.updated', customerId, occurredAt: new Date().toISOString(), data: { phone: '13900001111', region } },
        orderEvent('order.created', customerId, order, { amount: 120 }),
        orderEvent('order.paid', customerId, order, {}),
      ],
    });
    expect(res.status).toBe(202);
  };
  const orderCountOf = async (customerId: string) =>
    (await stack.huitou.context.db.selectFrom('customer_facts').select('facts').where('customer_id', '=', customerId).executeTakeFirst())?.facts.orderCount;
  const messagesOf = async (customerId: string, journeyId: string) =>
    (await stack.api(`/api/messages?customerId=${customerId}&journeyId=${journeyId}`)).body.messages as { text: string }[];
  const enrolmentsOf = (journeyId: string) =>
    stack.huitou.context.db.selectFrom('enrolments').select(['customer_id', 'workflow_id']).where('journey_id', '=', journeyId).execute();

  it('refuses to publish a segment trigger without a segment, or a step naming a segment that does not exist', async () => {
    const refused = async (config: Record<string, unknown>, type: string) => {
      const journey = journeyWith(uniqueId('no-segment'), { type, config }, 'x');
      expect((await stack.api('/api/journeys', { body: journey })).status).toBe(201);
      const res = await stack.api(`/api/journeys/${journey.id}/publish`, { method: 'POST' });
      expect(res.status).toBe(400);
      return res.body.problems as { path: string; code: string; message: string }[];
    };
    expect(await refused({ on: 'enter' }, 'trigger.segment')).toEqual([
      { path: 'nodes[0].config.segmentId', code: 'unknown_segment', message: 'segmentId: choose a segment', nodeId: 'trigger' },
    ]);
    const gone = await refused({ segmentId: 'seg-gone', on: 'leave' }, 'trigger.segment');
    expect(gone.map((p) => p.message)).toEqual(['segmentId: no segment "seg-gone"; make it under Segments first']);
    const broadcast = await refused({ at: '2030-01-01T10:00', audience: { all: [] }, segmentId: 'seg-gone' }, 'trigger.broadcast');
    expect(broadcast.map((p) => p.path)).toEqual(['nodes[0].config.segmentId']);
  });

  it('a customer whose second order moves them into the segment is enrolled once, however often membership is recomputed', async () => {
    const region = uniqueId('region');
    const buyer = uniqueId('c');
    const already = uniqueId('c');
    await buy(buyer, region);
    await buy(already, region);
    await buy(already, region);
    await eventually(async () => ((await orderCountOf(already)) === 2 && (await orderCountOf(buyer)) === 1 ? true : undefined));

    const condition = {
      all: [
        { fact: 'customer', path: '$.region', operator: 'equal', value: region },
        { fact: 'orderCount', operator: 'greaterThanInclusive', value: 2 },
      ],
    };
    const created = await stack.api('/api/segments', { body: { name: '复购', condition } });
    expect(created.status).toBe(201);
    // The first computation is the starting point: the customer already in is not announced.
    expect(created.body.segment.count).toBe(1);
    const segmentId = created.body.segment.id as string;
    const journey = journeyWith(uniqueId('welcome'), { type: 'trigger.segment', config: { segmentId, on: 'enter' } }, '欢迎加入复购会员');
    await publish(journey);

    await buy(buyer, region);
    const enrolled = await eventually(async () => {
      const e = await enrolmentsOf(journey.id);
      return e.length > 0 ? e : undefined;
    });
    expect(enrolled.map((e) => e.customer_id)).toEqual([buyer]);
    await eventually(async () => ((await messagesOf(buyer, journey.id)).length === 1 ? true : undefined));
    // The facts refresh recomputes every segment: nothing moved, nobody is announced again.
    expect((await stack.api('/api/facts/refresh', { method: 'POST' })).status).toBe(200);
    expect((await stack.api('/api/facts/refresh', { method: 'POST' })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 2000));
    expect((await enrolmentsOf(journey.id)).map((e) => e.customer_id)).toEqual([buyer]);
    expect(await messagesOf(buyer, journey.id)).toHaveLength(1);
    expect(await messagesOf(already, journey.id)).toHaveLength(0);
    const events = await stack.huitou.context.db.selectFrom('events').select(['id', 'customer_id']).where('type', '=', 'segment.entered').execute();
    expect(events.filter((e) => e.id.startsWith(`segment:${segmentId}:`)).map((e) => e.customer_id)).toEqual([buyer]);
    expect((await stack.api(`/api/segments/${segmentId}`)).body.segment.count).toBe(2);
  }, 120_000);

  it('a broadcast naming a segment reaches exactly the segment’s members that match its own audience', async () => {
    const region = uniqueId('region');
    const members = [uniqueId('m'), uniqueId('m')];
    const outsider = uniqueId('x');
    for (const id of members) await buy(id, region);
    await buy(outsider, `${region}-other`);
    await eventually(async () => ((await orderCountOf(outsider)) === 1 && (await orderCountOf(members[1]!)) === 1 ? true : undefined));
    const created = await stack.api('/api/segments', {
      body: { name: '专属', condition: { all: [{ fact: 'customer', path: '$.region', operator: 'equal', value: region }] } },
    });
    const segmentId = created.body.segment.id as string;

    const l = toLocal(Date.now() + 60_000, SHOP_ZONE);
    const pad = (n: number) => String(n).padStart(2, '0');
    const at = `${l.year}-${pad(l.month)}-${pad(l.day)}T${pad(l.hour)}:${pad(l.minute)}`;
    expect(fromLocal({ ...l }, SHOP_ZONE)).toBeGreaterThan(Date.now());
    // Its own audience: every active buyer, which the outsider is too.
    const audience = { all: [{ fact: 'lifecycleStage', operator: 'equal', value: 'active' }] };
    const journey = journeyWith(uniqueId('exclusive'), { type: 'trigger.broadcast', config: { at, audience, segmentId } }, '专属优惠');
    await publish(journey);
    const result = await stack.huitou.temporal.client.workflow.getHandle(broadcastWorkflowId(stack.taskQueue, journey.id)).result();
    expect(result).toMatchObject({ matched: 2, stored: 2 });
    const enrolled = await eventually(async () => {
      const e = await enrolmentsOf(journey.id);
      return e.length === 2 ? e : undefined;
    });
    expect(enrolled.map((e) => e.customer_id).sort()).toEqual([...members].sort());
    for (const id of members) await eventually(async () => ((await messagesOf(id, journey.id)).length === 1 ? true : undefined));
    expect(await messagesOf(outsider, journey.id)).toHaveLength(0);
  }, 150_000);
});
