import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIdempotencyKey, type Journey } from '../../engine/index';
import { cohortProgressQuery } from '../../workflows/cohort-shared';
import { eventually, uniqueId } from '../support/journeys';
import { startStack, type Stack } from '../support/stack';

/** Shanghai customers go straight to a VIP message; the rest wait a moment, then get theirs — unless they pay meanwhile. */
function regionJourney(id: string): Journey {
  return {
    schemaVersion: 1,
    id,
    name: id,
    status: 'draft',
    version: 0,
    nodes: [
      { id: 'trigger', type: 'trigger.event', config: { eventType: 'order.created', perOrder: false } },
      { id: 'check', type: 'condition', config: { conditions: { all: [{ fact: 'customer', path: '$.region', operator: 'equal', value: '上海' }] } } },
      { id: 'vip', type: 'message.send', config: { channel: 'sms', template: '上海的{{customer.name}}您好' } },
      { id: 'pause', type: 'wait', config: { duration: 'PT4S' } },
      { id: 'later', type: 'message.send', config: { channel: 'sms', template: '{{customer.name}}，稍后见' } },
      { id: 'done', type: 'exit', config: {} },
    ],
    edges: [
      { from: 'trigger', port: 'next', to: 'check' },
      { from: 'check', port: 'yes', to: 'vip' },
      { from: 'check', port: 'no', to: 'pause' },
      { from: 'vip', port: 'next', to: 'done' },
      { from: 'pause', port: 'next', to: 'later' },
      { from: 'later', port: 'next', to: 'done' },
    ],
    settings: { timezone: 'Asia/Shanghai', reEntry: 'never', priority: 5, exitWhen: [{ eventType: 'order.paid', sameOrder: false }] },
    layout: { positions: {} },
  };
}

describe('customers enrolled together run as cohorts', () => {
  let stack: Stack;
  // Small cohorts, so a handful of customers make several.
  beforeAll(async () => void (stack = await startStack({ cohortSize: 4 })));
  afterAll(() => stack?.stop());

  const post = async (body: unknown) => expect((await stack.api('/api/events', { body })).status).toBe(202);

  it('splits by decision, shares waits, sends once per customer under their own keys, and lets a payer leave before the next step', async () => {
    const db = stack.huitou.context.db;
    const customers = Array.from({ length: 10 }, (_, i) => ({ id: uniqueId(`m${i}`), region: i % 2 === 0 ? '上海' : '浙江', name: `顾客${i}` }));
    await post(
      customers.map((c, i) => ({
        id: uniqueId('upd'),
        type: 'customer.updated',
        customerId: c.id,
        occurredAt: new Date().toISOString(),
        data: { name: c.name, region: c.region, phone: `1380000${String(i).padStart(4, '0')}` },
      })),
    );
    const ids = customers.map((c) => c.id);
    await eventually(async () => ((await db.selectFrom('customers').select('id').where('id', 'in', ids).execute()).length === ids.length ? true : undefined));

    const journey = regionJourney(uniqueId('cohort'));
    expect((await stack.api('/api/journeys', { body: journey })).status).toBe(201);
    expect((await stack.api(`/api/journeys/${journey.id}/publish`, { method: 'POST' })).status).toBe(200);
    expect((await stack.api(`/api/journeys/${journey.id}/enrol`, { body: { customerIds: ids } })).status).toBe(202);

    // Enrolled in cohorts of at most 4, under the ids lone customers would have.
    const enrolments = await eventually(async () => {
      const rows = await db.selectFrom('enrolments').select(['workflow_id', 'customer_id', 'cohort_id']).where('journey_id', '=', journey.id).execute();
      return rows.length === ids.length ? rows : undefined;
    });
    const cohorts = new Set(enrolments.map((e) => e.cohort_id));
    expect(cohorts.size).toBeGreaterThanOrEqual(3);
    for (const id of cohorts) expect(id).toMatch(new RegExp(`^cohort:${journey.id}:1:journey\\.enrol@.+:\\d+$`));
    for (const e of enrolments) expect(e.workflow_id).toBe(`journey:${journey.id}:${e.customer_id}`);

    // A Zhejiang customer pays while their cohort waits: they leave before its next step.
    const payer = customers[1]!;
    const host = enrolments.find((e) => e.customer_id === payer.id)!.cohort_id!;
    await eventually(async () => {
      // Its workflow starts just after the enrolments are written.
      const progress = await stack.huitou.temporal.client.workflow
        .getHandle(host)
        .query(cohortProgressQuery)
        .catch(() => undefined);
      return (progress?.atNode.pause ?? 0) > 0 ? true : undefined;
    });
    await post({ id: uniqueId('paid'), type: 'order.paid', customerId: payer.id, occurredAt: new Date().toISOString(), data: { orderId: 'o-1', amount: 10 } });

    const messages = await eventually(async () => {
      const rows = await db.selectFrom('messages').select(['customer_id', 'text', 'idempotency_key']).where('journey_id', '=', journey.id).execute();
      return rows.length === ids.length - 1 ? rows : undefined;
    }, 60_000);
    // Let any duplicate arrive before counting.
    await new Promise((r) => setTimeout(r, 1500));
    const again = await db.selectFrom('messages').select('id').where('journey_id', '=', journey.id).execute();
    expect(again).toHaveLength(ids.length - 1);

    for (const c of customers) {
      const mine = messages.filter((m) => m.customer_id === c.id);
      if (c === payer) {
        expect(mine).toEqual([]);
        continue;
      }
      expect(mine).toHaveLength(1);
      // Marketing SMS: each ends with the shop's opt-out text.
      expect(mine[0]!.text).toBe(c.region === '上海' ? `上海的${c.name}您好 拒收请回复R` : `${c.name}，稍后见 拒收请回复R`);
      // The key names the customer's own enrolment, as a lone customer's would.
      expect(parseIdempotencyKey(mine[0]!.idempotency_key)?.workflowId).toBe(`journey:${journey.id}:${c.id}`);
    }

    // Simulating one member gives what that customer got in the cohort: the same messages from the same steps, the same end.
    const at = new Date().toISOString();
    for (const c of customers) {
      const events = [
        { at, type: 'journey.enrol', data: { journeyId: journey.id } },
        ...(c === payer ? [{ at: new Date(Date.parse(at) + 2000).toISOString(), type: 'order.paid', data: { orderId: 'o-1', amount: 10 } }] : []),
      ];
      const sim = await stack.api('/api/simulate', { body: { journey: journey.id, customer: c.id, events } });
      expect(sim.status, JSON.stringify(sim.body)).toBe(200);
      const got = messages.filter((m) => m.customer_id === c.id).map((m) => m.text);
      expect((sim.body.messages as { text: string }[]).map((m) => m.text)).toEqual(got);
      expect(sim.body.reason).toBe(c === payer ? 'exit-when order.paid' : 'exit-node');
    }

    // Every enrolment ends with its own reason; the payer's names the exit criterion.
    const ended = await eventually(async () => {
      const rows = await db.selectFrom('enrolments').select(['customer_id', 'status', 'exit_reason']).where('journey_id', '=', journey.id).execute();
      return rows.every((r) => r.status === 'completed') ? rows : undefined;
    });
    for (const r of ended) expect(r.exit_reason).toBe(r.customer_id === payer.id ? 'exit-when order.paid:pause' : 'exit-node:done');

    // Per-step figures count members as they count lone customers.
    const stats = await eventually(async () => {
      const res = await stack.api(`/api/journeys/${journey.id}/stats?version=1`);
      const passed = (res.body.nodes as { nodeId: string; passed: number }[]).find((n) => n.nodeId === 'check')?.passed;
      return passed === ids.length ? res.body : undefined;
    });
    const node = (id: string) => (stats.nodes as { nodeId: string; entered: number }[]).find((n) => n.nodeId === id)!;
    expect(node('vip').entered).toBe(5);
    expect(node('pause').entered).toBe(5);
    expect(node('later').entered).toBe(4);
  });
});
