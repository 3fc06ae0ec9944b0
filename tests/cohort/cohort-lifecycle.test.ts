import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIdempotencyKey } from '../../engine/index';
import type { cohortWorkflow } from '../../workflows/cohort-workflow';
import { cohortProgressQuery } from '../../workflows/cohort-shared';
import { eventually, lineJourney, orderCreatedTrigger, uniqueId } from '../support/journeys';
import { startStack, type Stack } from '../support/stack';

// Marketing SMS end with the shop's opt-out text (default 拒收请回复R).
describe('cohorts keep what lone customers get', () => {
  let stack: Stack;
  beforeAll(async () => void (stack = await startStack({ cohortSize: 10 })));
  afterAll(() => stack?.stop());

  const post = async (body: unknown) => expect((await stack.api('/api/events', { body })).status).toBe(202);
  const db = () => stack.huitou.context.db;
  const customers = async (n: number) => {
    const ids = Array.from({ length: n }, (_, i) => uniqueId(`k${i}`));
    await post(
      ids.map((id, i) => ({
        id: uniqueId('upd'),
        type: 'customer.updated',
        customerId: id,
        occurredAt: new Date().toISOString(),
        data: { name: `客${i}`, phone: `1390000${String(i).padStart(4, '0')}` },
      })),
    );
    await eventually(async () => ((await db().selectFrom('customers').select('id').where('id', 'in', ids).execute()).length === n ? true : undefined));
    return ids;
  };
  const publishAndEnrol = async (journey: ReturnType<typeof lineJourney>, ids: string[]) => {
    expect((await stack.api('/api/journeys', { body: journey })).status).toBe(201);
    expect((await stack.api(`/api/journeys/${journey.id}/publish`, { method: 'POST' })).status).toBe(200);
    expect((await stack.api(`/api/journeys/${journey.id}/enrol`, { body: { customerIds: ids } })).status).toBe(202);
    const rows = await eventually(async () => {
      const found = await db().selectFrom('enrolments').select(['workflow_id', 'customer_id', 'cohort_id']).where('journey_id', '=', journey.id).execute();
      return found.length === ids.length && found.every((r) => r.cohort_id) ? found : undefined;
    });
    // The enrolments are written first, then the cohort's workflow started.
    for (const id of new Set(rows.map((r) => r.cohort_id!))) {
      await eventually(() =>
        stack.huitou.temporal.client.workflow
          .getHandle(id)
          .describe()
          .then(
            () => true,
            () => undefined,
          ),
      );
    }
    return rows;
  };
  const messages = (journeyId: string) =>
    db().selectFrom('messages').select(['customer_id', 'text', 'idempotency_key']).where('journey_id', '=', journeyId).orderBy('created_at').execute();

  it('a member waiting for its own event goes on in a workflow of its own, keeping its keys', async () => {
    const ids = await customers(3);
    const journey = lineJourney(uniqueId('handoff'), orderCreatedTrigger, [
      { id: 'hello', type: 'message.send', config: { channel: 'sms', template: '你好' } },
      { id: 'await', type: 'wait.event', config: { eventType: 'survey.answered', timeout: 'PT4S' } },
      { id: 'nudge', type: 'message.send', config: { channel: 'sms', template: '还在吗' } },
    ]);
    // Answering ends the wait by its `event` port, straight to the end.
    journey.nodes.push({ id: 'thanks', type: 'exit', config: {} });
    journey.edges.push({ from: 'await', port: 'event', to: 'thanks' });
    journey.edges = journey.edges.map((e) => (e.from === 'await' && e.port === 'next' ? { ...e, port: 'timeout' } : e));
    const enrolled = await publishAndEnrol(journey, ids);
    const cohortId = enrolled[0]!.cohort_id!;
    expect(new Set(enrolled.map((e) => e.cohort_id)).size).toBe(1);

    // Each leaves the cohort at the wait: its enrolment runs under its own id now.
    await eventually(async () => {
      const rows = await db().selectFrom('enrolments').select('cohort_id').where('journey_id', '=', journey.id).execute();
      return rows.every((r) => r.cohort_id === null) ? true : undefined;
    });
    const client = stack.huitou.temporal.client;
    for (const e of enrolled) expect((await client.workflow.getHandle(e.workflow_id).describe()).type).toBe('journeyWorkflow');
    expect((await client.workflow.getHandle(cohortId).result()).left).toEqual({ 'handed-off': 3 });

    const payer = ids[0]!;
    await post({ id: uniqueId('answer'), type: 'survey.answered', customerId: payer, occurredAt: new Date().toISOString(), data: { score: 5 } });
    const sent = await eventually(async () => {
      const rows = await messages(journey.id);
      return rows.length === 5 ? rows : undefined;
    }, 60_000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await messages(journey.id)).toHaveLength(5);
    expect(sent.filter((m) => m.customer_id === payer).map((m) => m.text)).toEqual(['你好 拒收请回复R']);
    for (const id of ids.slice(1)) {
      const mine = sent.filter((m) => m.customer_id === id);
      expect(mine.map((m) => m.text)).toEqual(['你好 拒收请回复R', '还在吗 拒收请回复R']);
      // Both visits keyed by the same enrolment run: the cohort's, carried into the member's own workflow.
      const [a, b] = mine.map((m) => parseIdempotencyKey(m.idempotency_key)!);
      expect(a).toEqual(b);
      expect(a!.workflowId).toBe(`journey:${journey.id}:${id}`);
    }
    const reasons = await eventually(async () => {
      const rows = await db().selectFrom('enrolments').select(['customer_id', 'exit_reason']).where('journey_id', '=', journey.id).execute();
      return rows.every((r) => r.exit_reason) ? rows : undefined;
    });
    for (const r of reasons) expect(r.exit_reason).toBe(r.customer_id === payer ? 'exit-node:thanks' : 'exit-node:done');
  });

  it('pausing holds the whole cohort before its next step, resuming lets it go on; stopping ends every member', async () => {
    const ids = await customers(4);
    const journey = lineJourney(uniqueId('held'), orderCreatedTrigger, [
      { id: 'pause', type: 'wait', config: { duration: 'PT3S' } },
      { id: 'send', type: 'message.send', config: { channel: 'sms', template: '到点了' } },
    ]);
    const enrolled = await publishAndEnrol(journey, ids);
    const cohortId = enrolled[0]!.cohort_id!;
    expect((await stack.api(`/api/journeys/${journey.id}/pause`, { method: 'POST' })).status).toBe(200);
    const handle = stack.huitou.temporal.client.workflow.getHandle(cohortId);
    await eventually(async () => ((await handle.query(cohortProgressQuery)).paused ? true : undefined));
    await new Promise((r) => setTimeout(r, 5000));
    expect(await messages(journey.id)).toEqual([]);
    expect((await stack.api(`/api/journeys/${journey.id}/resume`, { method: 'POST' })).status).toBe(200);
    await eventually(async () => ((await messages(journey.id)).length === 4 ? true : undefined), 30_000);

    const second = lineJourney(uniqueId('stopped'), orderCreatedTrigger, [
      { id: 'pause', type: 'wait', config: { duration: 'PT1H' } },
      { id: 'send', type: 'message.send', config: { channel: 'sms', template: '不会发' } },
    ]);
    const others = await publishAndEnrol(second, ids);
    await eventually(async () =>
      (await stack.huitou.temporal.client.workflow.getHandle(others[0]!.cohort_id!).query(cohortProgressQuery)).atNode.pause === 4 ? true : undefined,
    );
    expect((await stack.api(`/api/journeys/${second.id}/stop`, { method: 'POST' })).status).toBe(200);
    const rows = await eventually(async () => {
      const r = await db().selectFrom('enrolments').select(['status', 'exit_reason']).where('journey_id', '=', second.id).execute();
      return r.every((x) => x.status === 'completed') ? r : undefined;
    });
    expect(rows.map((r) => r.exit_reason)).toEqual(Array(4).fill('stopped:pause'));
    expect(await messages(second.id)).toEqual([]);
  });

  it('enrolling members again while their cohort runs starts no second workflow for them: they hear it through the cohort', async () => {
    const ids = await customers(3);
    const journey = lineJourney(uniqueId('again'), orderCreatedTrigger, [
      { id: 'pause', type: 'wait', config: { duration: 'PT3S' } },
      { id: 'send', type: 'message.send', config: { channel: 'sms', template: '一次就好' } },
    ]);
    const enrolled = await publishAndEnrol(journey, ids);
    expect((await stack.api(`/api/journeys/${journey.id}/enrol`, { body: { customerIds: ids } })).status).toBe(202);
    // Both enrol requests routed: nothing of them is left to route.
    await eventually(async () => {
      const left = await db().selectFrom('events').select('id').where('routed_at', 'is', null).where('customer_id', 'in', ids).execute();
      return left.length === 0 ? true : undefined;
    });
    await eventually(async () => ((await messages(journey.id)).length === 3 ? true : undefined), 30_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await messages(journey.id)).map((m) => m.customer_id).sort()).toEqual([...ids].sort());
    const client = stack.huitou.temporal.client;
    for (const e of enrolled) await expect(client.workflow.getHandle(e.workflow_id).describe()).rejects.toThrow();
  });

  it('a long cohort continues as new, its members carrying their state and keys', async () => {
    const ids = await customers(3);
    const journey = lineJourney(uniqueId('long'), orderCreatedTrigger, [
      { id: 's1', type: 'message.send', config: { channel: 'sms', template: '一' } },
      { id: 'w1', type: 'wait', config: { duration: 'PT1S' } },
      { id: 's2', type: 'message.send', config: { channel: 'sms', template: '二' } },
      { id: 'w2', type: 'wait', config: { duration: 'PT1S' } },
      { id: 's3', type: 'message.send', config: { channel: 'sms', template: '三' } },
    ]);
    expect((await stack.api('/api/journeys', { body: journey })).status).toBe(201);
    expect((await stack.api(`/api/journeys/${journey.id}/publish`, { method: 'POST' })).status).toBe(200);
    const published = (await stack.api(`/api/journeys/${journey.id}`)).body.journey;
    const cohortId = `cohort:${journey.id}:1:test:1`;
    const members = ids.map((id) => ({
      workflowId: `journey:${journey.id}:${id}`,
      customerId: id,
      entry: { id: uniqueId('e'), type: 'journey.enrol', customerId: id, occurredAt: new Date().toISOString(), data: { journeyId: journey.id } },
    }));
    await db()
      .insertInto('enrolments')
      .values(
        members.map((m) => ({
          workflow_id: m.workflowId,
          journey_id: journey.id,
          journey_version: 1,
          customer_id: m.customerId,
          entry_event_id: m.entry.id,
          status: 'active',
          cohort_id: cohortId,
        })),
      )
      .execute();
    const client = stack.huitou.temporal.client;
    // A small history limit: the cohort must continue as new between its steps.
    const handle = await client.workflow.start<typeof cohortWorkflow>('cohortWorkflow', {
      workflowId: cohortId,
      taskQueue: stack.taskQueue,
      args: [{ cohortId, journey: { ...published, version: 1 }, version: 1, members, historyEventsPerRun: 12 }],
    });
    expect(await handle.result()).toEqual({ members: 3, left: { 'exit-node': 3 } });
    const first = await client.workflow.getHandle(cohortId, handle.firstExecutionRunId).fetchHistory();
    expect(first.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes).toBeTruthy();

    const sent = await messages(journey.id);
    expect(sent).toHaveLength(9);
    for (const id of ids) {
      const mine = sent.filter((m) => m.customer_id === id);
      expect(mine.map((m) => m.text)).toEqual(['一 拒收请回复R', '二 拒收请回复R', '三 拒收请回复R']);
      for (const m of mine)
        expect(parseIdempotencyKey(m.idempotency_key)).toEqual({ workflowId: `journey:${journey.id}:${id}`, runId: handle.firstExecutionRunId });
    }
  });

  it("a wait on each customer's own clock splits the cohort by time zone: one timer per zone", async () => {
    const ids = await customers(4);
    const zones = ['Asia/Shanghai', 'Asia/Tokyo', 'Asia/Shanghai', 'Asia/Tokyo'];
    await post(
      ids.map((id, i) => ({
        id: uniqueId('tz'),
        type: 'customer.updated',
        customerId: id,
        occurredAt: new Date().toISOString(),
        data: { timezone: zones[i] },
      })),
    );
    await eventually(async () =>
      (await db().selectFrom('customers').select('id').where('id', 'in', ids).where('timezone', 'is not', null).execute()).length === 4 ? true : undefined,
    );
    // A window opening three hours from now on a Shanghai clock: Tokyo's opens an hour sooner.
    const hour = (Number(new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', hour: 'numeric', hourCycle: 'h23' }).format(Date.now())) + 3) % 24;
    const from = `${String(hour).padStart(2, '0')}:00`;
    const to = `${String((hour + 1) % 24).padStart(2, '0')}:00`;
    const journey = lineJourney(uniqueId('zones'), orderCreatedTrigger, [
      { id: 'window', type: 'wait.window', config: { from, to } },
      { id: 'send', type: 'message.send', config: { channel: 'sms', template: '早上好' } },
    ]);
    const enrolled = await publishAndEnrol(journey, ids);
    const handle = stack.huitou.temporal.client.workflow.getHandle(enrolled[0]!.cohort_id!);
    await eventually(async () => ((await handle.query(cohortProgressQuery)).atNode.window === 4 ? true : undefined));
    const timers = async () =>
      ((await handle.fetchHistory()).events ?? [])
        .filter((e) => e.timerStartedEventAttributes)
        .map((e) => Number(e.timerStartedEventAttributes!.startToFireTimeout!.seconds));
    const started = await eventually(async () => {
      const t = await timers();
      return t.length >= 2 ? t : undefined;
    });
    expect(started).toHaveLength(2);
    // An hour apart, give or take the moments the members reached the wait.
    expect(Math.abs(Math.abs(started[0]! - started[1]!) - 3600)).toBeLessThan(60);
    expect((await stack.api(`/api/journeys/${journey.id}/stop`, { method: 'POST' })).status).toBe(200);
    expect(await handle.result()).toEqual({ members: 4, left: { stopped: 4 } });
  });
});
