import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistry, type CustomerEvent, type Journey } from '../../engine/index';
import { Journeys } from '../../server/journeys/journey-store';
import { paymentReminderDocument } from '../engine/fixtures';
import { channelConfigFromEnv } from '../../server/messaging/channels/channel-config';
import { channelProviders } from '../../server/messaging/channels/providers';
import { MessageDispatcher } from '../../server/messaging/dispatcher';
import { journeyNames } from '../../server/messaging/journey-names';
import { Outbox } from '../../server/messaging/outbox';
import { Customers } from '../../server/customers/customers';
import { Enrolments } from '../../server/journeys/enrolments';
import { FactsService } from '../../server/facts/facts-service';
import { SettingsStore } from '../../server/facts/settings-store';
import { storeAndApply } from '../../server/events/event-effects';
import { createActionServices } from '../../server/worker/action-services';
import { unavailableParts } from '../../server/worker/unavailable-services';
import { createActivities } from '../../server/worker/journey-activities';
import { createLogger } from '../../server/logger';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases';
import { orderEvent, uniqueId } from '../support/journeys';
import { startWecomServer, type WecomServer } from './wecom-process';

const log = createLogger('silent');
const members = ['zhangsan', 'lisi', 'duty.manager'];

/**
 * Staff tasks reaching WeCom: task.create run as the worker runs it (the runAction activity over
 * a real database and outbox), then the dispatcher delivering the outbox through the providers the
 * environment configures, to a local WeCom server in its own process.
 */
describe.each(databaseKinds)('staff tasks to WeCom on %s', (kind) => {
  let t: TestDatabase;
  let wecom: WecomServer;
  let activities: ReturnType<typeof createActivities>;
  beforeAll(async () => {
    [t, wecom] = await Promise.all([openTestDatabase(kind), startWecomServer(members)]);
    const settings = new SettingsStore(t.db);
    activities = createActivities({
      registry: createRegistry(),
      customers: new Customers(t.db),
      // As the runtime opens it when WeCom is configured: tasks wait for delivery.
      outbox: new Outbox(t.db, undefined, 'queued'),
      enrolments: new Enrolments(t.db),
      facts: new FactsService(t.db, settings),
      services: createActionServices(t.db, unavailableParts),
    });
    await new Journeys(t.db).create({ ...paymentReminderDocument(), id: 'j-unpaid', name: '下单未付款催付' } as Journey);
  });
  afterAll(async () => {
    await t?.close();
    await wecom?.stop();
  });

  const appEnv = () => ({
    HUITOU_WECOM_API_URL: wecom.url,
    HUITOU_WECOM_CORP_ID: wecom.corpId,
    HUITOU_WECOM_APP_SECRET: wecom.secret,
    HUITOU_WECOM_AGENT_ID: String(wecom.agentId),
    HUITOU_WECOM_FALLBACK_USER: 'duty.manager',
    HUITOU_PUBLIC_URL: 'https://huitou.shop.example/',
  });
  /** The dispatcher as compose/messaging.ts builds it, from the environment. */
  const dispatcherFor = (env: Record<string, string>, o: { maxAttempts?: number; backoffMs?: number } = {}) => {
    const config = channelConfigFromEnv(env);
    return new MessageDispatcher({
      db: t.db,
      providers: { task: channelProviders({ ...config, dataDir: '/nonexistent' }, undefined, { journeyName: journeyNames(t.db) }).task },
      log,
      maxAttempts: o.maxAttempts ?? 5,
      backoffMs: o.backoffMs ?? 10,
      maxBackoffMs: 50,
    });
  };
  let app: MessageDispatcher | undefined;
  const appDispatcher = () => (app ??= dispatcherFor(appEnv()));

  /** A customer with an unpaid order and, when given, an owner in their attributes. */
  const customer = async (attributes: Record<string, string> = {}) => {
    const id = uniqueId('c');
    const order = uniqueId('o');
    const created = orderEvent('order.created', id, order, { amount: 688, customer: { name: '王芳', phone: '13812345678' } });
    await storeAndApply(t.db, created);
    if (Object.keys(attributes).length > 0)
      await storeAndApply(t.db, { id: uniqueId('e'), type: 'customer.updated', customerId: id, occurredAt: new Date().toISOString(), data: { attributes } });
    return { id, order, entry: created };
  };
  const createTask = async (config: Record<string, unknown>, c: { id: string; entry: CustomerEvent }) => {
    const key = `${uniqueId('wf')}/run-1/call-task/1`;
    await activities.runAction({
      journeyId: 'j-unpaid',
      journeyVersion: 1,
      nodeId: 'call-task',
      nodeType: 'task.create',
      config: { title: '电话催付 {{order.id}}', note: '{{customer.name}}（{{customer.phone}}）的订单还未付款，请致电提醒。', queue: 'phone-calls', ...config },
      idempotencyKey: key,
      customerId: c.id,
      entry: c.entry,
    });
    return t.db.selectFrom('messages').selectAll().where('idempotency_key', '=', key).executeTakeFirstOrThrow();
  };
  const row = (id: string) => t.db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const sentTo = async (order: string) => (await wecom.received()).filter((r) => r.body.text.content.includes(order));
  /** Drains until the message leaves `queued`/`sending` (retries come back after their short pause). */
  const settle = async (d: MessageDispatcher, id: string) => {
    for (let i = 0; i < 100; i += 1) {
      await d.drain();
      const r = await row(id);
      if (r.status !== 'queued' && r.status !== 'sending') return r;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`message ${id} was not settled`);
  };

  it("sends a task to the customer's owner from the profile, with the staff's text, the journey and a link to the customer page", async () => {
    const c = await customer({ owner: 'lisi' });
    const task = await createTask({ assigneeAttribute: 'owner', assignee: 'zhangsan' }, c);
    expect(task).toMatchObject({ channel: 'task', status: 'queued', recipient: 'phone-calls/lisi' });

    const sent = await settle(appDispatcher(), task.id);
    expect(sent).toMatchObject({ status: 'sent', provider: 'wecom-app', attempts: 1, last_error: null });
    const [request, ...more] = await sentTo(c.order);
    expect(more).toEqual([]);
    expect(request!.answered).toBe(0);
    expect(sent.provider_message_id).toMatch(/^msg-/);
    expect(request!.body).toMatchObject({ touser: 'lisi', agentid: wecom.agentId, msgtype: 'text' });
    expect(request!.body.text.content).toBe(
      [
        `【客服任务】电话催付 ${c.order}`,
        '王芳（13812345678）的订单还未付款，请致电提醒。',
        '',
        '旅程：下单未付款催付　步骤：call-task',
        `客户：<a href="https://huitou.shop.example/#/customers/${c.id}">${c.id}（打开客户页）</a>`,
      ].join('\n'),
    );
  });

  it("falls back to the step's assignee without an owner, and to the configured fallback user without either", async () => {
    const noOwner = await customer();
    const assigned = await createTask({ assigneeAttribute: 'owner', assignee: 'zhangsan' }, noOwner);
    const unassigned = await createTask({}, noOwner);
    expect(assigned.recipient).toBe('phone-calls/zhangsan');
    expect(unassigned.recipient).toBe('phone-calls');
    await settle(appDispatcher(), assigned.id);
    await settle(appDispatcher(), unassigned.id);
    const requests = await sentTo(noOwner.order);
    expect(requests.map((r) => r.body.touser).sort()).toEqual(['duty.manager', 'zhangsan']);
  });

  it('keeps one access token for many sends, and fetches a new one once WeCom says it expired (42001)', async () => {
    const c = await customer({ owner: 'zhangsan' });
    await settle(appDispatcher(), (await createTask({ assigneeAttribute: 'owner' }, c)).id);
    const issued = await wecom.tokensIssued();
    await settle(appDispatcher(), (await createTask({ assigneeAttribute: 'owner' }, c)).id);
    expect(await wecom.tokensIssued()).toBe(issued);

    await wecom.expireTokens();
    const task = await createTask({ assigneeAttribute: 'owner' }, c);
    const sent = await settle(appDispatcher(), task.id);
    expect(sent).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await wecom.tokensIssued()).toBe(issued + 1);
    const tries = (await sentTo(c.order)).slice(-2);
    expect(tries.map((r) => r.answered)).toEqual([42001, 0]);
    expect(tries[0]!.token).not.toBe(tries[1]!.token);
  });

  it('tries again later when WeCom answers its frequency limit (45009), and records the code meanwhile', async () => {
    const c = await customer();
    const task = await createTask({ assignee: 'zhangsan' }, c);
    await wecom.queue('message/send', 45009);
    // A long pause so the first drain leaves the message waiting, with its reason.
    const slow = dispatcherFor(appEnv(), { backoffMs: 400 });
    await slow.drain();
    const waiting = await row(task.id);
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1, provider: 'wecom-app', reason_code: 'retry' });
    expect(waiting.last_error).toBe('WecomError: WeCom message/send: errcode 45009 api freq out of limit');
    const sent = await settle(slow, task.id);
    expect(sent).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
    expect((await sentTo(c.order)).map((r) => r.answered)).toEqual([45009, 0]);
  });

  it('fails a task for a user WeCom does not know at once (81013), with the code and errmsg on the message', async () => {
    const c = await customer({ owner: 'wangwu' });
    const task = await createTask({ assigneeAttribute: 'owner' }, c);
    expect(task.recipient).toBe('phone-calls/wangwu');
    const failed = await settle(appDispatcher(), task.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, provider: 'wecom-app' });
    expect(failed.last_error).toBe('PermanentDeliveryError: WeCom message/send: errcode 81013 user & party & tag all invalid');
    expect((await sentTo(c.order)).map((r) => [r.body.touser, r.answered])).toEqual([['wangwu', 81013]]);
  });

  it("fails a task when WeCom answers 0 but names its only recipient in invaliduser (outside the app's visible range)", async () => {
    const c = await customer();
    const task = await createTask({ assignee: 'zhangsan' }, c);
    await wecom.queue('message/send', 0, { invaliduser: 'zhangsan', msgid: 'msg-none' });
    const failed = await settle(appDispatcher(), task.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.last_error).toBe('PermanentDeliveryError: WeCom message/send: invaliduser zhangsan (not a member the app can reach)');
  });

  it('posts to a group robot mentioning the assignee (mentioned_list), and unmentioned without one', async () => {
    const robot = dispatcherFor({ HUITOU_WECOM_API_URL: wecom.url, HUITOU_WECOM_ROBOT_KEY: wecom.robotKey });
    const c = await customer({ 专属客服: 'lisi' });
    const mentioned = await createTask({ assigneeAttribute: '专属客服', priority: 'urgent' }, c);
    const plain = await createTask({}, c);
    expect(await settle(robot, mentioned.id)).toMatchObject({ status: 'sent', provider: 'wecom-robot', attempts: 1 });
    expect(await settle(robot, plain.id)).toMatchObject({ status: 'sent', provider: 'wecom-robot' });
    const posts = (await sentTo(c.order)).filter((r) => r.api === 'webhook/send');
    expect(posts).toHaveLength(2);
    const withMention = posts.find((p) => p.body.text.mentioned_list)!;
    expect(withMention.body.text.mentioned_list).toEqual(['lisi']);
    expect(withMention.body.text.content.split('\n')[0]).toBe(`【客服任务】[urgent] 电话催付 ${c.order}`);
    // No public URL configured: the customer is named by id, with no link.
    expect(withMention.body.text.content.split('\n').at(-1)).toBe(`客户：${c.id}`);
    expect(posts.find((p) => p !== withMention)!.body.text).not.toHaveProperty('mentioned_list');
  });

  it('tries the robot again after its frequency limit, and a wrong key is refused by WeCom (93000)', async () => {
    const robot = dispatcherFor({ HUITOU_WECOM_API_URL: wecom.url, HUITOU_WECOM_ROBOT_KEY: wecom.robotKey });
    const c = await customer();
    const task = await createTask({ assignee: 'zhangsan' }, c);
    await wecom.queue('webhook/send', 45009);
    expect(await settle(robot, task.id)).toMatchObject({ status: 'sent', attempts: 2 });

    const wrong = dispatcherFor({ HUITOU_WECOM_API_URL: wecom.url, HUITOU_WECOM_ROBOT_KEY: 'not-the-key' }, { maxAttempts: 2 });
    const refused = await createTask({ assignee: 'zhangsan' }, c);
    const failed = await settle(wrong, refused.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 2 });
    expect(failed.last_error).toBe('WecomError: WeCom webhook/send: errcode 93000 invalid webhook url');
    // The key is the robot's secret: it is not in what is stored.
    expect(failed.last_error).not.toContain('not-the-key');
  });
});
