import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRegistry, journeySchema, messagingSettingsSchema, simulateJourney } from '../../engine/index';
import { journeyToFlow } from '../../designer/src/model/convert';
import { formatClock, formatElapsed, formatSpan, formatVirtualTime } from '../../designer/src/simulate/format';
import { buildRequest, parseOffset, type CustomerDraft } from '../../designer/src/simulate/request';
import { buildTimeline, simulationPath } from '../../designer/src/simulate/timeline';

/**
 * The simulate panel's pure parts: the form into a request (errors naming fields), and the
 * engine's real simulation of the payment reminder into a timeline and a path on the canvas.
 */
const journey = journeySchema.parse(JSON.parse(readFileSync(join(import.meta.dirname, '../../examples/journeys/payment-reminder.json'), 'utf8')));
const registry = createRegistry();
const portsOf = (nodeId: string) => {
  const node = journey.nodes.find((n) => n.id === nodeId)!;
  const def = registry.require(node.type);
  return def.ports(def.config.parse(node.config));
};
const draft: CustomerDraft = {
  id: 'sim-1',
  name: '王芳',
  phone: '13800001234',
  email: '',
  timezone: 'Asia/Shanghai',
  birthday: '',
  orderCount: '2',
  totalSpend: '350.5',
  tags: '老客, 高价值',
  stage: 'active',
  tier: 'vip',
};

const simulate = (events: { at: string; type: string; data: Record<string, unknown> }[], run = journey) =>
  simulateJourney({
    journey: run,
    registry,
    customer: { id: 'sim-1', name: '王芳', phone: '13800001234', facts: {} },
    events,
    from: '2026-11-10T02:00:00.000Z',
    until: '2026-12-10T02:00:00.000Z',
    messaging: messagingSettingsSchema.parse({}),
    shopTimezone: 'Asia/Shanghai',
  });

describe('offsets on the event timeline', () => {
  it('reads +0, minutes, hours, days and combinations', () => {
    expect(parseOffset('+0')).toBe(0);
    expect(parseOffset('0')).toBe(0);
    expect(parseOffset('+30m')).toBe(30 * 60_000);
    expect(parseOffset('+2h')).toBe(2 * 3_600_000);
    expect(parseOffset('+1d 2h')).toBe(26 * 3_600_000);
    expect(parseOffset(' 90s ')).toBe(90_000);
    expect(parseOffset('+1H30M')).toBe(90 * 60_000);
  });
  it('refuses what is not a time after the start', () => {
    for (const bad of ['', '+', '-2h', '2 hours', '+2h1d', 'soon']) expect(parseOffset(bad), bad).toBeNull();
  });
});

describe('the simulate request', () => {
  it('places events after a start read on the customer’s wall clock, with facts typed', () => {
    const built = buildRequest(
      journey,
      { kind: 'made-up', draft },
      [
        { key: 1, type: 'order.created', offset: '+0', data: '{"orderId":"A1","amount":199}' },
        { key: 2, type: 'order.paid', offset: '+10m', data: '{"orderId":"A1"}' },
      ],
      '2026-11-10T10:00',
    );
    if (!('request' in built)) throw new Error(JSON.stringify(built.errors));
    // 10:00 in Shanghai is 02:00 UTC.
    expect(built.request.from).toBe('2026-11-10T02:00:00.000Z');
    expect(built.request.events).toEqual([
      { at: '2026-11-10T02:00:00.000Z', type: 'order.created', data: { orderId: 'A1', amount: 199 } },
      { at: '2026-11-10T02:10:00.000Z', type: 'order.paid', data: { orderId: 'A1' } },
    ]);
    expect(built.request.customer).toEqual({
      id: 'sim-1',
      name: '王芳',
      phone: '13800001234',
      timezone: 'Asia/Shanghai',
      facts: { orderCount: 2, totalSpend: 350.5, tags: ['老客', '高价值'], lifecycleStage: 'active', tier: 'vip' },
    });
  });

  it('the same wall-clock start in New York is another instant', () => {
    const built = buildRequest(
      journey,
      { kind: 'made-up', draft: { ...draft, timezone: 'America/New_York' } },
      [{ key: 1, type: 'order.created', offset: '+0', data: '' }],
      '2026-11-10T10:00',
    );
    expect('request' in built && built.request.from).toBe('2026-11-10T15:00:00.000Z');
  });

  it('names each field that is wrong', () => {
    const built = buildRequest(
      journey,
      { kind: 'made-up', draft: { ...draft, timezone: 'Mars/Olympus', orderCount: 'many', birthday: '1990/01/01' } },
      [{ key: 1, type: '', offset: 'tomorrow', data: '[1]' }],
      'not a date',
    );
    expect('errors' in built && built.errors.map((e) => e.path)).toEqual([
      'from',
      'customer.facts.orderCount',
      'customer.timezone',
      'customer.birthday',
      'events[0].type',
      'events[0].offset',
      'events[0].data',
    ]);
    expect(buildRequest(journey, { kind: 'real', id: ' ', timezone: null }, [], '2026-11-10T10:00')).toEqual({
      errors: [
        { path: 'customer', message: 'choose a customer' },
        { path: 'events', message: 'add at least the event that enrols the customer' },
      ],
    });
  });
});

describe('the timeline and the path of a simulation', () => {
  it('an unpaid order: each step with the port it took, the SMS after its step, the exit; the path through the no branch', async () => {
    const result = await simulate([{ at: '2026-11-10T02:00:00.000Z', type: 'order.created', data: { orderId: 'TB1', amount: 128 } }]);
    const timeline = buildTimeline(result, portsOf);
    expect(
      timeline.map((e) =>
        e.kind === 'step' ? [e.nodeId, e.what, e.port] : e.kind === 'message' ? [e.nodeId, 'message', e.message.channel] : ['end', e.reason, e.nodeId],
      ),
    ).toEqual([
      ['trigger', 'entered', 'next'],
      ['await-payment', 'timeout', 'timeout'],
      ['high-value', 'decided', 'no'],
      ['reminder-sms', 'acted', 'next'],
      ['reminder-sms', 'message', 'sms'],
      ['done', 'exited', null],
      ['end', 'exit-node', 'done'],
    ]);
    const sms = timeline[4]!;
    expect(sms.kind === 'message' && sms.message.text).toContain('王芳，您的订单TB1还未付款');

    const path = simulationPath(result, journeyToFlow(journey).edges, portsOf);
    expect(path.nodes).toEqual({
      trigger: '2026-11-10T02:00:00.000Z',
      'await-payment': '2026-11-10T02:00:00.000Z',
      'high-value': '2026-11-10T02:25:00.000Z',
      'reminder-sms': '2026-11-10T02:25:00.000Z',
      done: '2026-11-10T02:25:00.000Z',
    });
    expect(Object.keys(path.edges)).toEqual([
      'trigger:next->await-payment',
      'await-payment:timeout->high-value',
      'high-value:no->reminder-sms',
      'reminder-sms:next->done',
    ]);
  });

  it('paid in time: the event port to the paid exit, no message', async () => {
    const result = await simulate([
      { at: '2026-11-10T02:00:00.000Z', type: 'order.created', data: { orderId: 'TB1', amount: 128 } },
      { at: '2026-11-10T02:10:00.000Z', type: 'order.paid', data: { orderId: 'TB1' } },
    ]);
    const timeline = buildTimeline(result, portsOf);
    expect(timeline.filter((e) => e.kind === 'message')).toEqual([]);
    expect(timeline[1]).toMatchObject({ kind: 'step', nodeId: 'await-payment', what: 'event', detail: 'order.paid', port: 'event' });
    expect(timeline.at(-1)).toEqual({ kind: 'end', at: '2026-11-10T02:10:00.000Z', nodeId: 'paid', reason: 'exit-node' });
    expect(Object.keys(simulationPath(result, journeyToFlow(journey).edges, portsOf).edges)).toEqual([
      'trigger:next->await-payment',
      'await-payment:event->paid',
    ]);
  });

  it('closed while unpaid: the exit rule ends it at the wait', async () => {
    const closing = journeySchema.parse({ ...journey, settings: { ...journey.settings, exitWhen: [{ eventType: 'order.closed', sameOrder: true }] } });
    const result = await simulate(
      [
        { at: '2026-11-10T02:00:00.000Z', type: 'order.created', data: { orderId: 'TB1', amount: 128 } },
        { at: '2026-11-10T02:05:00.000Z', type: 'order.closed', data: { orderId: 'TB1' } },
      ],
      closing,
    );
    const timeline = buildTimeline(result, portsOf);
    expect(timeline.at(-2)).toMatchObject({ kind: 'step', nodeId: 'await-payment', what: 'exited' });
    expect(timeline.at(-1)).toMatchObject({ kind: 'end', reason: 'exit-when order.closed', nodeId: 'await-payment' });
  });

  it('not entered: only the end', async () => {
    const result = await simulate([{ at: '2026-11-10T02:00:00.000Z', type: 'order.paid', data: { orderId: 'TB1' } }]);
    expect(buildTimeline(result, portsOf)).toEqual([{ kind: 'end', at: null, nodeId: null, reason: 'not-entered' }]);
    expect(simulationPath(result, journeyToFlow(journey).edges, portsOf)).toEqual({ nodes: {}, edges: {} });
  });
});

describe('virtual times in words', () => {
  it('the wall clock of the customer’s zone, and the time since the start', () => {
    expect(formatVirtualTime('2026-11-10T02:25:00.000Z', 'Asia/Shanghai', 'zh-CN')).toBe('11月10日 10:25');
    expect(formatVirtualTime('2026-11-10T02:25:00.000Z', 'America/New_York', 'en')).toBe('9 Nov 21:25');
    expect(formatClock('2026-11-10T02:25:00.000Z', 'Asia/Shanghai')).toBe('10:25');
    expect(formatElapsed('2026-11-10T02:25:00.000Z', '2026-11-10T02:00:00.000Z', 'zh-CN')).toBe('+25 分钟');
    expect(formatElapsed('2026-11-10T02:00:00.000Z', '2026-11-10T02:00:00.000Z', 'en')).toBe('+0');
    expect(formatSpan(37 * 86_400_000, 'zh-CN')).toBe('37 天');
    expect(formatSpan(26 * 3_600_000 + 5 * 60_000, 'en')).toBe('1 day 2 h');
    expect(formatSpan(45_000, 'en')).toBe('45 s');
  });
});
