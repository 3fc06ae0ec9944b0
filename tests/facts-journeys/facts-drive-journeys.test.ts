import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Journey } from '../../engine/index';
import { factsScheduleId } from '../../server/facts/schedule';
import { eventually, orderEvent, uniqueId } from '../support/journeys';
import { startStack, type Stack } from '../support/stack';

/** A journey that starts when a fact changes, and decides on facts, end to end on Temporal. */
function factJourney(id: string, eventType: string, to: string, template: string, decide?: Journey['nodes'][number]['config']): Journey {
  const nodes: Journey['nodes'] = [
    {
      id: 'trigger',
      type: 'trigger.event',
      config: { eventType, perOrder: false, condition: { all: [{ fact: 'event', path: '$.data.to', operator: 'equal', value: to }] } },
    },
    { id: 'send', type: 'message.send', config: { channel: 'sms', template } },
    { id: 'done', type: 'exit', config: {} },
  ];
  const edges: Journey['edges'] = [{ from: 'send', port: 'next', to: 'done' }];
  if (decide) {
    nodes.push({ id: 'check', type: 'condition', config: decide }, { id: 'skip', type: 'exit', config: {} });
    edges.push({ from: 'trigger', port: 'next', to: 'check' }, { from: 'check', port: 'yes', to: 'send' }, { from: 'check', port: 'no', to: 'skip' });
  } else {
    edges.push({ from: 'trigger', port: 'next', to: 'send' });
  }
  return {
    schemaVersion: 1,
    id,
    name: id,
    status: 'draft',
    version: 0,
    nodes,
    edges,
    settings: { timezone: 'Asia/Shanghai', reEntry: 'never', priority: 5, exitWhen: [] },
    layout: { positions: {} },
  };
}

describe('facts drive journeys', () => {
  let stack: Stack;
  beforeAll(async () => void (stack = await startStack()));
  afterAll(() => stack?.stop());

  const publish = async (journey: Journey) => {
    expect((await stack.api('/api/journeys', { body: journey })).status).toBe(201);
    const published = await stack.api(`/api/journeys/${journey.id}/publish`, { method: 'POST' });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
  };
  const messagesOf = async (customerId: string, journeyId: string) =>
    (await stack.api(`/api/messages?customerId=${customerId}&journeyId=${journeyId}`)).body.messages as { text: string; nodeId: string }[];

  it('a tier upgrade from paid orders starts a journey, which reads the facts in its decision and message', async () => {
    const journey = factJourney(
      uniqueId('vip-welcome'),
      'customer.tier_changed',
      'vip',
      '{{customer.name}}，恭喜升级 VIP！累计消费 ¥{{customer.facts.totalSpend}}',
      {
        conditions: {
          all: [
            { fact: 'tier', operator: 'tierAtLeast', value: 'vip' },
            { fact: 'orderCount', operator: 'greaterThanInclusive', value: 1 },
          ],
        },
      },
    );
    await publish(journey);
    const customer = uniqueId('c');
    const order = uniqueId('o');
    await stack.api('/api/events', {
      body: [
        orderEvent('order.created', customer, order, { amount: 6000, customer: { name: '赵敏', phone: '13600001111' } }),
        orderEvent('order.paid', customer, order, {}),
      ],
    });
    const messages = await eventually(async () => {
      const m = await messagesOf(customer, journey.id);
      return m.length > 0 ? m : undefined;
    });
    expect(messages).toHaveLength(1);
    // A marketing SMS: it ends with the shop's opt-out text (docs/channels.md).
    expect(messages[0]!.text).toBe('赵敏，恭喜升级 VIP！累计消费 ¥6000 拒收请回复R');
    const tierEvents = await stack.huitou.context.db
      .selectFrom('events')
      .select(['type', 'data'])
      .where('customer_id', '=', customer)
      .where('type', '=', 'customer.tier_changed')
      .execute();
    expect(tierEvents.map((e) => e.data)).toEqual([{ from: null, to: 'vip' }]);
  });

  it('the daily schedule moves stages as days pass and a win-back journey hears of it', async () => {
    const journey = factJourney(uniqueId('win-back'), 'customer.stage_changed', 'silent', '好久不见，送您一张回归券');
    await publish(journey);
    const customer = uniqueId('c');
    const order = uniqueId('o');
    // An order placed 50 days ago: active as of 10 days ago (40 days since), silent today.
    const placed = new Date(Date.now() - 50 * 86_400_000).toISOString();
    await stack.api('/api/events', {
      body: [
        { ...orderEvent('order.created', customer, order, { amount: 88, customer: { phone: '13500002222' } }), occurredAt: placed },
        { ...orderEvent('order.paid', customer, order, {}), occurredAt: placed },
      ],
    });
    const facts = stack.huitou.context.facts;
    await eventually(async () => ((await facts.forCustomer(customer))?.facts.orderCount === 1 ? true : undefined));
    await facts.refreshAll(new Date(Date.now() - 10 * 86_400_000));
    const before = await stack.huitou.context.db.selectFrom('customer_facts').select('stage').where('customer_id', '=', customer).executeTakeFirstOrThrow();
    expect(before.stage).toBe('active');

    // What the 03:00 schedule does, triggered now: the stage moves, the change is an event, the journey starts.
    const schedule = stack.huitou.temporal.client.schedule.getHandle(factsScheduleId(stack.taskQueue));
    const described = await schedule.describe();
    expect(described.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 3, end: 3, step: 1 }], minute: [{ start: 0, end: 0, step: 1 }] });
    await schedule.trigger();
    // Wait for that refresh itself: the order's own fact update (silent at once, the order being 50
    // days old) may already have started the journey, so the message alone does not say it is done.
    const action = await eventually(async () => (await schedule.describe()).info.recentActions.at(-1)?.action, 60_000);
    await stack.huitou.temporal.client.workflow.getHandle(action.workflow.workflowId, action.workflow.firstExecutionRunId).result();
    const messages = await eventually(async () => {
      const m = await messagesOf(customer, journey.id);
      return m.length > 0 ? m : undefined;
    }, 60_000);
    expect(messages.map((m) => m.text)).toEqual(['好久不见，送您一张回归券 拒收请回复R']);
    const after = await stack.huitou.context.db.selectFrom('customer_facts').select('stage').where('customer_id', '=', customer).executeTakeFirstOrThrow();
    expect(after.stage).toBe('silent');
  });
});
