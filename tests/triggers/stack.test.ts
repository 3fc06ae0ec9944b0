import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate, type Journey } from '../../engine/index';
import { fromLocal, toLocal } from '../../engine/time/zoned';
import { broadcastWorkflowId } from '../../server/journeys/triggers/broadcasts';
import { calendarScheduleId } from '../../server/journeys/triggers/calendar-schedule';
import { eventually, lineJourney, orderEvent, uniqueId } from '../support/journeys';
import { startStack, type Stack } from '../support/stack';

const SHOP_ZONE = 'Asia/Shanghai';

/** Trigger → an SMS → exit. */
const journeyWith = (id: string, trigger: { type: string; config: Record<string, unknown> }, template: string): Journey =>
  lineJourney(id, { id: 'trigger', ...trigger }, [{ id: 'send', type: 'message.send', config: { channel: 'sms', template } }]);

describe('date triggers, scheduled broadcasts and manual enrolment, end to end', () => {
  let stack: Stack;
  beforeAll(async () => void (stack = await startStack()));
  afterAll(() => stack?.stop());

  const publish = async (journey: Journey) => {
    expect((await stack.api('/api/journeys', { body: journey })).status).toBe(201);
    const published = await stack.api(`/api/journeys/${journey.id}/publish`, { method: 'POST' });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    return published.body;
  };
  const profile = async (customerId: string, data: Record<string, unknown>) => {
    const res = await stack.api('/api/events', {
      body: { id: uniqueId('upd'), type: 'customer.updated', customerId, occurredAt: new Date().toISOString(), data },
    });
    expect(res.status).toBe(202);
  };
  const messagesOf = async (customerId: string, journeyId: string) =>
    (await stack.api(`/api/messages?customerId=${customerId}&journeyId=${journeyId}`)).body.messages as { text: string }[];
  const enrolmentsOf = (journeyId: string) =>
    stack.huitou.context.db
      .selectFrom('enrolments')
      .select(['customer_id', 'started_at', 'workflow_id'])
      .where('journey_id', '=', journeyId)
      .orderBy('started_at')
      .execute();

  it('a birthday journey greets the customer whose birthday is today when the calendar job runs, once', async () => {
    const journey = journeyWith(uniqueId('birthday'), { type: 'trigger.date', config: { date: 'birthday' } }, '{{customer.name}}，生日快乐！');
    await publish(journey);
    const today = localDate(new Date(), SHOP_ZONE);
    const tomorrow = localDate(new Date(Date.now() + 86_400_000), SHOP_ZONE);
    const celebrant = uniqueId('c');
    const other = uniqueId('c');
    await profile(celebrant, { name: '林夕', phone: '13800001234', birthday: `1992-${today.slice(5)}` });
    await profile(other, { name: '周周', phone: '13800005678', birthday: `1992-${tomorrow.slice(5)}` });
    await eventually(async () => ((await stack.huitou.context.customers.profile(other)).birthday ? true : undefined));

    // The schedule runs every hour at :05 in the shop's zone (from 00:05); here the job is run on demand.
    const schedule = await stack.huitou.temporal.client.schedule.getHandle(calendarScheduleId(stack.taskQueue)).describe();
    expect(schedule.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 0, end: 23, step: 1 }], minute: [{ start: 5, end: 5, step: 1 }] });
    const run = await stack.api('/api/calendar/run', { method: 'POST' });
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    expect(run.body).toMatchObject({ day: today, due: 1, stored: 1 });

    const messages = await eventually(async () => {
      const m = await messagesOf(celebrant, journey.id);
      return m.length > 0 ? m : undefined;
    });
    // A marketing SMS: it ends with the shop's opt-out text.
    expect(messages.map((m) => m.text)).toEqual(['林夕，生日快乐！ 拒收请回复R']);
    // A second run the same day changes nothing.
    const again = await stack.api('/api/calendar/run', { method: 'POST' });
    expect(again.body).toMatchObject({ day: today, due: 1, stored: 0 });
    // What the 00:05 schedule starts, triggered now: the worker's calendar workflow finds the same customer, already stored.
    const handle = stack.huitou.temporal.client.schedule.getHandle(calendarScheduleId(stack.taskQueue));
    await handle.trigger();
    const action = await eventually(async () => (await handle.describe()).info.recentActions.at(-1)?.action, 60_000);
    const byWorkflow = await stack.huitou.temporal.client.workflow.getHandle(action.workflow.workflowId, action.workflow.firstExecutionRunId).result();
    expect(byWorkflow).toEqual({ day: today, due: 1, stored: 0 });
    await new Promise((r) => setTimeout(r, 1500));
    expect(await messagesOf(celebrant, journey.id)).toHaveLength(1);
    expect(await messagesOf(other, journey.id)).toHaveLength(0);
    expect((await enrolmentsOf(journey.id)).map((e) => e.workflow_id)).toEqual([`journey:${journey.id}:${celebrant}:${today}`]);
  });

  it('a festival journey and a 农历 birthday journey greet their customers on 中秋 2027 (15 September), once', async () => {
    const festival = journeyWith(
      uniqueId('mid-autumn'),
      { type: 'trigger.festival', config: { festival: 'mid-autumn', daysBefore: 0, at: '10:00' } },
      '{{customer.name}}，中秋快乐！',
    );
    const lunarBirthday = journeyWith(uniqueId('lunar-birthday'), { type: 'trigger.date', config: { date: 'birthday' } }, '{{customer.name}}，生日快乐！');
    await publish(festival);
    await publish(lunarBirthday);
    const moon = uniqueId('c');
    const solar = uniqueId('c');
    await profile(moon, { name: '嫦娥', phone: '13800002345', birthday: '1992-08-15', birthdayCalendar: 'lunar' });
    await profile(solar, { name: '后羿', phone: '13800003456', birthday: '1992-08-15' });
    await eventually(async () => ((await stack.huitou.context.customers.profile(solar)).birthday ? true : undefined));
    expect(await stack.huitou.context.customers.profile(moon)).toMatchObject({ birthday: '1992-08-15', birthdayCalendar: 'lunar' });

    // 10:05 on 15 September 2027 in Shanghai: 八月十五 of lunar 2027, and the festival's hour.
    const run = await stack.api(`/api/calendar/run?asOf=${encodeURIComponent('2027-09-15T02:05:00Z')}`, { method: 'POST' });
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    const greeted = async (customerId: string, journeyId: string, n: number) =>
      eventually(async () => {
        const m = await messagesOf(customerId, journeyId);
        return m.length >= n ? m : undefined;
      });
    expect((await greeted(moon, festival.id, 1)).map((m) => m.text)).toEqual(['嫦娥，中秋快乐！ 拒收请回复R']);
    expect((await greeted(solar, festival.id, 1)).map((m) => m.text)).toEqual(['后羿，中秋快乐！ 拒收请回复R']);
    expect((await greeted(moon, lunarBirthday.id, 1)).map((m) => m.text)).toEqual(['嫦娥，生日快乐！ 拒收请回复R']);
    // The next hour's run enrols nobody again; the Gregorian 15 August birthday was not today.
    await stack.api(`/api/calendar/run?asOf=${encodeURIComponent('2027-09-15T03:05:00Z')}`, { method: 'POST' });
    await new Promise((r) => setTimeout(r, 1500));
    expect(await messagesOf(moon, festival.id)).toHaveLength(1);
    expect(await messagesOf(solar, lunarBirthday.id)).toHaveLength(0);
    expect((await enrolmentsOf(festival.id)).filter((e) => [moon, solar].includes(e.customer_id))).toHaveLength(2);
  });

  it('a scheduled broadcast enrols exactly its audience at its time, paced by its rate; a paused one enrols nobody', async () => {
    // Customers: three active buyers, one who never bought, one who last bought long ago.
    const active = [uniqueId('a'), uniqueId('a'), uniqueId('a')];
    const never = uniqueId('n');
    const lapsed = uniqueId('l');
    for (const id of active) {
      const order = uniqueId('o');
      await stack.api('/api/events', {
        body: [orderEvent('order.created', id, order, { amount: 120, customer: { phone: '13900001111' } }), orderEvent('order.paid', id, order, {})],
      });
    }
    const old = new Date(Date.now() - 400 * 86_400_000).toISOString();
    const lapsedOrder = uniqueId('o');
    await stack.api('/api/events', {
      body: [
        { ...orderEvent('order.created', lapsed, lapsedOrder, { amount: 50, customer: { phone: '13900002222' } }), occurredAt: old },
        { ...orderEvent('order.paid', lapsed, lapsedOrder, {}), occurredAt: old },
      ],
    });
    await profile(never, { phone: '13900003333' });
    const db = stack.huitou.context.db;
    await eventually(async () =>
      (
        await db
          .selectFrom('customer_facts')
          .select('customer_id')
          .where('customer_id', 'in', [...active, lapsed])
          .execute()
      ).length === 4
        ? true
        : undefined,
    );

    // The next whole minute in the shop's zone (at most a minute ahead): `at` has minute precision.
    const l = toLocal(Date.now() + 60_000, SHOP_ZONE);
    const pad = (n: number) => String(n).padStart(2, '0');
    const at = `${l.year}-${pad(l.month)}-${pad(l.day)}T${pad(l.hour)}:${pad(l.minute)}`;
    const atMs = fromLocal({ ...l }, SHOP_ZONE);
    const audience = { all: [{ fact: 'lifecycleStage', operator: 'equal', value: 'active' }] };
    const journey = journeyWith(
      uniqueId('double11'),
      { type: 'trigger.broadcast', config: { at, audience, ratePerMinute: 60 } },
      '双十一第一波：全场满300减50',
    );
    const published = await publish(journey);
    expect(published.broadcast).toMatchObject({ workflowId: broadcastWorkflowId(stack.taskQueue, journey.id), startsAt: new Date(atMs).toISOString() });
    const paused = journeyWith(uniqueId('paused-wave'), { type: 'trigger.broadcast', config: { at, audience: { all: [] } } }, '不会发出');
    await publish(paused);
    expect((await stack.api(`/api/journeys/${paused.id}/pause`, { method: 'POST' })).status).toBe(200);

    const client = stack.huitou.temporal.client;
    const result = await client.workflow.getHandle(broadcastWorkflowId(stack.taskQueue, journey.id)).result();
    expect(result).toMatchObject({ matched: 3, stored: 3 });
    expect(result.examined).toBeGreaterThanOrEqual(5);
    const enrolled = await eventually(async () => {
      const e = await enrolmentsOf(journey.id);
      return e.length === 3 ? e : undefined;
    });
    expect(enrolled.map((e) => e.customer_id).sort()).toEqual([...active].sort());
    // Not before its time, and spread by the rate (60 a minute: about a second apart), not all at once.
    for (const e of enrolled) expect(e.started_at.getTime()).toBeGreaterThanOrEqual(atMs - 1000);
    const spread = enrolled.at(-1)!.started_at.getTime() - enrolled[0]!.started_at.getTime();
    expect(spread).toBeGreaterThanOrEqual(1500);
    for (const id of active) await eventually(async () => ((await messagesOf(id, journey.id)).length === 1 ? true : undefined));
    expect(await messagesOf(never, journey.id)).toHaveLength(0);
    expect(await messagesOf(lapsed, journey.id)).toHaveLength(0);

    const pausedResult = await client.workflow.getHandle(broadcastWorkflowId(stack.taskQueue, paused.id)).result();
    expect(pausedResult).toMatchObject({ halted: 'paused', matched: 0 });
    expect(await enrolmentsOf(paused.id)).toHaveLength(0);
  }, 150_000);

  it('republishing replaces a waiting broadcast, and a version without a broadcast trigger ends it', async () => {
    const journey = journeyWith(uniqueId('d12'), { type: 'trigger.broadcast', config: { at: '2030-12-12T10:00' } }, '双十二');
    const first = await publish(journey);
    const client = stack.huitou.temporal.client;
    const waiting = await client.workflow.getHandle(first.broadcast.workflowId).describe();
    expect(waiting.status.name).toBe('RUNNING');
    expect(first.broadcast.startsAt).toBe('2030-12-12T02:00:00.000Z');

    journey.nodes[0]!.config = { at: '2030-12-12T20:00' };
    expect((await stack.api(`/api/journeys/${journey.id}`, { method: 'PUT', body: journey })).status).toBe(200);
    const second = await stack.api(`/api/journeys/${journey.id}/publish`, { method: 'POST' });
    expect(second.body.broadcast).toMatchObject({ workflowId: first.broadcast.workflowId, startsAt: '2030-12-12T12:00:00.000Z' });
    expect((await client.workflow.getHandle(first.broadcast.workflowId, waiting.runId).describe()).status.name).toBe('TERMINATED');
    const replaced = await client.workflow.getHandle(first.broadcast.workflowId).describe();
    expect(replaced.runId).not.toBe(waiting.runId);
    expect(replaced.status.name).toBe('RUNNING');

    journey.nodes[0] = { id: 'trigger', type: 'trigger.event', config: { eventType: 'order.paid', perOrder: true } };
    expect((await stack.api(`/api/journeys/${journey.id}`, { method: 'PUT', body: journey })).status).toBe(200);
    const third = await stack.api(`/api/journeys/${journey.id}/publish`, { method: 'POST' });
    expect(third.status).toBe(200);
    expect(third.body.broadcast).toBeUndefined();
    expect((await client.workflow.getHandle(first.broadcast.workflowId, replaced.runId).describe()).status.name).toBe('TERMINATED');
  });

  it('manual enrolment enrols each listed customer of a live journey once, whatever its trigger; bad input and roles are refused', async () => {
    const journey = journeyWith(
      uniqueId('vip-call'),
      { type: 'trigger.event', config: { eventType: 'order.refunded', perOrder: false } },
      '尊敬的客户，专属顾问将联系您',
    );
    await publish(journey);
    const a = uniqueId('m');
    const b = uniqueId('m');
    await profile(a, { phone: '13700001111' });
    await profile(b, { phone: '13700002222' });
    await eventually(async () =>
      (await stack.huitou.context.db.selectFrom('customers').select('id').where('id', 'in', [a, b]).execute()).length === 2 ? true : undefined,
    );

    const res = await stack.api(`/api/journeys/${journey.id}/enrol`, { body: { customerIds: [a, b, a], requestId: 'crm-2026-11-01' } });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toMatchObject({ journeyId: journey.id, requestId: 'crm-2026-11-01', customers: 2, stored: 2 });
    for (const id of [a, b]) await eventually(async () => ((await messagesOf(id, journey.id)).length === 1 ? true : undefined));
    // The same request again stores nothing; a new request finds them already in (or through) the journey.
    expect((await stack.api(`/api/journeys/${journey.id}/enrol`, { body: { customerIds: [a], requestId: 'crm-2026-11-01' } })).body).toMatchObject({
      stored: 0,
    });
    expect((await stack.api(`/api/journeys/${journey.id}/enrol`, { body: { customerIds: [a] } })).body).toMatchObject({ stored: 1 });
    await new Promise((r) => setTimeout(r, 1500));
    expect(await messagesOf(a, journey.id)).toHaveLength(1);
    expect((await enrolmentsOf(journey.id)).map((e) => e.customer_id).sort()).toEqual([a, b].sort());

    const empty = await stack.api(`/api/journeys/${journey.id}/enrol`, { body: { customerIds: [] } });
    expect(empty.status).toBe(400);
    expect(empty.body.problems[0]).toMatchObject({ path: 'customerIds' });
    const unknown = await stack.api(`/api/journeys/${journey.id}/enrol`, { body: { customerIds: [a, 'nobody-here'] } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.problems).toEqual([expect.objectContaining({ path: 'customerIds[1]', code: 'unknown_customer' })]);
    expect((await stack.api('/api/journeys/no-such-journey/enrol', { body: { customerIds: [a] } })).status).toBe(404);
    const tooMany = await stack.api(`/api/journeys/${journey.id}/enrol`, { body: { customerIds: Array.from({ length: 10_001 }, (_, i) => `c${i}`) } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.message).toContain('customerIds');

    const analyst = (await stack.api('/api/tokens', { body: { name: 'analysis', role: 'analyst' } })).body.token as string;
    const marketer = (await stack.api('/api/tokens', { body: { name: 'crm', role: 'marketer' } })).body.token as string;
    expect((await stack.api(`/api/journeys/${journey.id}/enrol`, { body: { customerIds: [b] }, token: analyst })).status).toBe(403);
    expect((await stack.api(`/api/journeys/${journey.id}/enrol`, { body: { customerIds: [b] }, token: marketer })).status).toBe(202);
    expect((await stack.api('/api/calendar/run', { method: 'POST', token: marketer })).status).toBe(403);
    expect((await stack.api('/api/calendar/run?asOf=tomorrow', { method: 'POST' })).status).toBe(400);
  });
});
