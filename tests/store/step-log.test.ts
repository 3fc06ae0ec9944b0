import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Enrolments } from '../../server/journeys/enrolments';
import { Outbox } from '../../server/messaging/outbox';
import { StepLog, type StepReport } from '../../server/journeys/step-log';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases';

describe.each(databaseKinds)('step log on %s', (kind) => {
  let t: TestDatabase;
  let log: StepLog;
  let enrolments: Enrolments;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    log = new StepLog(t.db);
    enrolments = new Enrolments(t.db);
  });
  afterAll(() => t?.close());

  const enrol = (journeyId: string, workflowId: string, version = 1) =>
    enrolments.recordStart({ workflowId, journeyId, journeyVersion: version, customerId: workflowId.split(':')[2] ?? 'c', entryEventId: `e-${workflowId}` });
  const report = (journeyId: string, workflowId: string, seq: number, over: Partial<StepReport> = {}): StepReport => ({
    workflowId,
    runId: 'run-1',
    seq,
    journeyId,
    journeyVersion: 1,
    entered: {},
    passed: {},
    waitingAt: null,
    ...over,
  });
  const figures = async (journeyId: string, version?: number) => {
    const stats = await log.stats(journeyId, version);
    return Object.fromEntries(stats.nodes.map(({ nodeId, ...rest }) => [nodeId, rest]));
  };

  it('adds a report once: a retried report (same run and sequence) changes nothing', async () => {
    const wf = 'journey:j-once:c1';
    await enrol('j-once', wf);
    const first = report('j-once', wf, 1, { entered: { trigger: 1, wait: 1 }, passed: { trigger: 1 }, waitingAt: 'wait' });
    expect(await log.report(first)).toBe(true);
    expect(await log.report(first)).toBe(false);
    expect(await figures('j-once')).toMatchObject({ trigger: { entered: 1, passed: 1, waiting: 0 }, wait: { entered: 1, passed: 0, waiting: 1 } });
    // The next batch: the wait is over, the customer went on to the exit and left.
    expect(await log.report(report('j-once', wf, 2, { entered: { done: 1 }, passed: { wait: 1, done: 1 } }))).toBe(true);
    // An older sequence number arriving late is refused as well.
    expect(await log.report(report('j-once', wf, 1, { entered: { wait: 5 } }))).toBe(false);
    expect(await figures('j-once')).toMatchObject({ wait: { entered: 1, passed: 1, waiting: 0 }, done: { entered: 1, passed: 1 } });
  });

  it('counts a re-entry (a new run under the same workflow id) from its first report', async () => {
    const wf = 'journey:j-again:c1';
    await enrol('j-again', wf);
    await log.report(report('j-again', wf, 1, { entered: { a: 1 }, passed: { a: 1 } }));
    expect(await log.report(report('j-again', wf, 1, { runId: 'run-2', entered: { a: 1 }, passed: { a: 1 } }))).toBe(true);
    expect((await figures('j-again')).a).toMatchObject({ entered: 2, passed: 2 });
  });

  it('counts refused and failed actions per step: refusals reported with the steps, failures from how enrolments ended', async () => {
    const j = 'j-outcomes';
    const [a, b, c] = ['journey:j-outcomes:a', 'journey:j-outcomes:b', 'journey:j-outcomes:c'];
    for (const wf of [a, b, c]) await enrol(j, wf);
    // a: the coupon campaign was used up; the customer went on to the exit.
    await log.report(report(j, a, 1, { entered: { coupon: 1, done: 1 }, passed: { coupon: 1, done: 1 }, refused: { coupon: 1 } }));
    // b: the webhook's address was refused by the guard; c: the webhook failed after its retries.
    await enrolments.recordExit(b, 'action-failed OutboundRefused:hook');
    await enrolments.recordExit(c, 'action-failed ApplicationFailure:hook');
    const f = await figures(j);
    expect(f.coupon).toMatchObject({ entered: 1, passed: 1, actionsRefused: 1, actionsFailed: 0 });
    expect(f.hook).toMatchObject({ actionsRefused: 1, actionsFailed: 1 });
    expect(f.done).toMatchObject({ actionsRefused: 0, actionsFailed: 0 });
    // A retried report adds no second refusal.
    expect(await log.report(report(j, a, 1, { refused: { coupon: 1 } }))).toBe(false);
    expect((await figures(j)).coupon?.actionsRefused).toBe(1);
  });

  it('does not count a report for an enrolment it does not know', async () => {
    expect(await log.report(report('j-none', 'journey:j-none:ghost', 1, { entered: { a: 1 } }))).toBe(false);
    expect((await log.stats('j-none')).nodes).toEqual([]);
  });

  it('counts who waits now among active enrolments only, per version or over all versions', async () => {
    const j = 'j-wait';
    for (const [i, version] of [
      [1, 1],
      [2, 1],
      [3, 2],
    ] as const) {
      const wf = `journey:${j}:c${i}`;
      await enrol(j, wf, version);
      await log.report(report(j, wf, 1, { journeyVersion: version, entered: { trigger: 1, wait: 1 }, passed: { trigger: 1 }, waitingAt: 'wait' }));
    }
    expect((await figures(j)).wait).toMatchObject({ entered: 3, waiting: 3 });
    expect((await figures(j, 1)).wait).toMatchObject({ entered: 2, waiting: 2 });
    expect((await figures(j, 2)).wait).toMatchObject({ entered: 1, waiting: 1 });
    // Stopped from outside (the stop route records the exit before the workflow's last report).
    await enrolments.recordExit(`journey:${j}:c1`, 'stopped:wait');
    expect((await figures(j)).wait).toMatchObject({ waiting: 2 });
    const stats = await log.stats(j, 2);
    expect(stats).toMatchObject({ journeyId: j, version: 2, versions: [2] });
    expect((await log.stats(j)).versions).toEqual([1, 2]);
  });

  it('adds the node’s messages by outcome and its conversions', async () => {
    const j = 'j-msg';
    const outbox = new Outbox(t.db);
    const send = (key: string, recipient: string | null = '13800001234') =>
      outbox.enqueue({ idempotencyKey: key, channel: 'sms', recipient, text: '提醒', journeyId: j, journeyVersion: 1, nodeId: 'sms', customerId: `c-${key}` });
    const sent = await send('m1');
    await send('m2');
    await send('m3');
    await send('m4', null);
    await t.db.updateTable('messages').set({ status: 'sent' }).where('id', '=', sent.messageId).execute();
    await t.db.updateTable('messages').set({ status: 'failed' }).where('idempotency_key', '=', 'm2').execute();
    await t.db.updateTable('messages').set({ status: 'capped', guard_reason: 'frequency cap' }).where('idempotency_key', '=', 'm3').execute();
    await t.db
      .insertInto('conversions')
      .values({
        journey_id: j,
        journey_version: 1,
        event_id: 'paid-1',
        customer_id: 'c-m1',
        message_id: sent.messageId,
        node_id: 'sms',
        converted_at: new Date(),
      })
      .execute();
    expect((await figures(j)).sms).toEqual({
      entered: 0,
      waiting: 0,
      passed: 0,
      sent: 1,
      queued: 0,
      failed: 1,
      capped: 1,
      skipped: 1,
      converted: 1,
      actionsRefused: 0,
      actionsFailed: 0,
    });
    expect(await figures(j, 2)).toEqual({});
  });

  it('loses no count when many customers report the same nodes at once', async () => {
    const j = 'j-many';
    const ids = Array.from({ length: 40 }, (_, i) => `journey:${j}:c${i}`);
    for (const wf of ids) await enrol(j, wf);
    await Promise.all(
      ids.map((wf) => log.report(report(j, wf, 1, { entered: { trigger: 1, wait: 1, sms: 1 }, passed: { trigger: 1, wait: 1 }, waitingAt: 'sms' }))),
    );
    // And each again, as if every activity were retried.
    await Promise.all(
      ids.map((wf) => log.report(report(j, wf, 1, { entered: { trigger: 1, wait: 1, sms: 1 }, passed: { trigger: 1, wait: 1 }, waitingAt: 'sms' }))),
    );
    expect(await figures(j)).toMatchObject({
      trigger: { entered: 40, passed: 40 },
      wait: { entered: 40, passed: 40 },
      sms: { entered: 40, passed: 0, waiting: 40 },
    });
  });
});
