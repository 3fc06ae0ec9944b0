import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Journey } from '../../engine/index';
import { Campaigns } from '../../server/coupons/campaigns';
import { TemplateCatalog } from '../../server/journeys/templates/catalog';
import { openTestDatabase, type TestDatabase } from '../support/databases';
import { uniqueId } from '../support/journeys';
import { createTimeSkippingEnvironment, quietTemporalForTests } from '../temporal/harness';
import { TimeSkippingJourneys } from '../temporal/journey-runner';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Shanghai wall-clock hour of an instant. */
const shanghaiHour = (t: number) => Number(new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' }).format(t));

/**
 * Every shipped template, end to end on Temporal's time-skipping test server: multi-day journeys
 * in seconds, the expected messages on the expected virtual days.
 */
describe('shipped journey templates on the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  let testDb: TestDatabase;
  let run: TimeSkippingJourneys;
  const catalog = new TemplateCatalog();

  beforeAll(async () => {
    quietTemporalForTests();
    [env, testDb] = await Promise.all([createTimeSkippingEnvironment(), openTestDatabase('embedded')]);
    run = new TimeSkippingJourneys(env, testDb);
    const campaigns = new Campaigns(testDb.db);
    for (const t of ['new-buyer-care', 'birthday-greeting', 'winback-lost']) for (const c of catalog.get(t)!.campaigns) await campaigns.create(c);
  });
  afterAll(async () => {
    await env?.teardown();
    await testDb?.close();
  });

  const journeyFrom = (template: string, locale: 'zh-CN' | 'en' = 'zh-CN'): Journey =>
    catalog.instantiate(template, locale, { journeyId: uniqueId(template) })!;
  const event: TimeSkippingJourneys['event'] = (...args) => run.event(...args);
  const newCustomer = (profile?: Record<string, string>) => run.newCustomer(profile);

  it('payment reminder: unpaid → SMS at +25 minutes; paid in time → nothing', async () => {
    const journey = journeyFrom('payment-reminder');
    await run.withWorker(async (tq) => {
      const start = await env.currentTimeMs();
      const unpaid = await newCustomer();
      const { handle } = await run.enrol(tq, journey, event('order.created', unpaid, start, { orderId: 'TB1', amount: 128 }), 'TB1');
      expect(await handle.result()).toMatchObject({ exitNodeId: 'done' });
      const [sms] = await run.messages(unpaid);
      expect(sms).toMatchObject({ nodeId: 'reminder-sms', channel: 'sms' });
      expect(sms!.at - start).toBeGreaterThanOrEqual(25 * MINUTE);
      expect(sms!.at - start).toBeLessThan(26 * MINUTE);

      const payer = await newCustomer();
      const t = await env.currentTimeMs();
      const paying = await run.enrol(tq, journey, event('order.created', payer, t, { orderId: 'TB2', amount: 128 }), 'TB2');
      await env.sleep(10 * MINUTE);
      await paying.handle.signal('event', event('order.paid', payer, t + 10 * MINUTE, { orderId: 'TB2' }));
      expect(await paying.handle.result()).toMatchObject({ exitNodeId: 'paid' });
      expect(await run.messages(payer)).toEqual([]);
    });
  });

  it('new-buyer care: shipping notice, care 4 hours after delivery, a lucky coupon 3 days later in daytime', async () => {
    const journey = journeyFrom('new-buyer-care');
    await run.withWorker(async (tq) => {
      const start = await env.currentTimeMs();
      const buyer = await newCustomer();
      const { handle } = await run.enrol(tq, journey, event('order.shipped', buyer, start, { orderId: 'TB3', carrier: '顺丰', trackingNo: 'SF123' }), 'TB3');
      await env.sleep(2 * DAY);
      await handle.signal('event', event('order.delivered', buyer, start + 2 * DAY, { orderId: 'TB3' }));
      expect(await handle.result()).toMatchObject({ exitNodeId: 'done' });
      const messages = await run.messages(buyer);
      expect(messages.map((m) => m.nodeId)).toEqual(['shipping-notice', 'delivery-care', 'coupon-sms']);
      expect(messages[0]!.text).toContain('SF123');
      expect(messages[1]!.at - start).toBeGreaterThanOrEqual(2 * DAY + 4 * HOUR);
      expect(messages[1]!.at - start).toBeLessThan(2 * DAY + 4 * HOUR + MINUTE);
      expect(messages[2]!.at - start).toBeGreaterThanOrEqual(5 * DAY + 4 * HOUR);
      expect(messages[2]!.at - start).toBeLessThan(6 * DAY + 4 * HOUR);
      expect(shanghaiHour(messages[2]!.at)).toBeGreaterThanOrEqual(10);
      expect(shanghaiHour(messages[2]!.at)).toBeLessThan(20);
      expect(messages[2]!.text).toMatch(/NEW[A-Z0-9]+/);
    });
  });

  it('birthday greeting: on the day, between 10:00 and 12:00 Shanghai time, with a birthday coupon', async () => {
    const journey = journeyFrom('birthday-greeting');
    await run.withWorker(async (tq) => {
      const now = await env.currentTimeMs();
      // The calendar job runs at 00:05 shop time; enter at the next Shanghai midnight + 5 minutes.
      const midnight = now - ((now + 8 * HOUR) % DAY) + DAY;
      await run.skipTo(midnight + 5 * MINUTE);
      const customer = await newCustomer({ birthday: new Date(midnight + 8 * HOUR).toISOString().slice(5, 10) });
      const day = new Date(midnight + 8 * HOUR).toISOString().slice(0, 10);
      const due = event('calendar.due', customer, midnight + 5 * MINUTE, { rule: 'birthday:0:yearly', on: day });
      const { handle } = await run.enrol(tq, journey, due, day);
      expect(await handle.result()).toMatchObject({ exitNodeId: 'done' });
      const [greeting] = await run.messages(customer);
      expect(greeting).toMatchObject({ nodeId: 'greeting' });
      expect(greeting!.text).toMatch(/生日快乐.*BDAY/);
      expect(greeting!.at - midnight).toBeGreaterThanOrEqual(10 * HOUR);
      expect(greeting!.at - midnight).toBeLessThan(10 * HOUR + MINUTE);
    });
  });

  it('win-back: a coupon SMS, and a reminder 11 days later when the customer has not bought', async () => {
    const journey = journeyFrom('winback-lost', 'en');
    await run.withWorker(async (tq) => {
      const start = await env.currentTimeMs();
      const lost = await newCustomer();
      const { handle } = await run.enrol(tq, journey, event('customer.stage_changed', lost, start, { from: 'sleeping', to: 'lost' }));
      expect(await handle.result()).toMatchObject({ exitNodeId: 'done' });
      const messages = await run.messages(lost);
      expect(messages.map((m) => m.nodeId)).toEqual(['winback-sms', 'expiry-reminder']);
      expect(messages[0]!.text).toMatch(/^王芳, we have missed you! .*BACK[A-Z0-9]+/);
      const gap = messages[1]!.at - messages[0]!.at;
      expect(gap).toBeGreaterThanOrEqual(11 * DAY);
      expect(gap).toBeLessThan(11 * DAY + MINUTE);
      expect(messages[1]!.text).toContain(messages[0]!.text.match(/BACK[A-Z0-9]+/)![0]);

      const returning = await newCustomer();
      const t = await env.currentTimeMs();
      const second = await run.enrol(tq, journey, event('customer.stage_changed', returning, t, { from: 'sleeping', to: 'lost' }));
      await env.sleep(3 * DAY);
      await second.handle.signal('event', event('order.paid', returning, t + 3 * DAY, { orderId: 'TB9' }));
      expect(await second.handle.result()).toMatchObject({ exitNodeId: 'came-back' });
      expect((await run.messages(returning)).map((m) => m.nodeId)).toEqual(['winback-sms']);
    });
  });

  it('silent reactivation: an SMS, then an email 7 days later without an order', async () => {
    const journey = journeyFrom('silent-reactivation');
    await run.withWorker(async (tq) => {
      const start = await env.currentTimeMs();
      const silent = await newCustomer();
      const { handle } = await run.enrol(tq, journey, event('customer.stage_changed', silent, start, { from: 'active', to: 'silent' }));
      expect(await handle.result()).toMatchObject({ exitNodeId: 'done' });
      const [sms, email] = await run.messages(silent);
      expect([sms!.nodeId, sms!.channel, email!.nodeId, email!.channel]).toEqual(['news-sms', 'sms', 'offer-email', 'email']);
      expect(email!.at - sms!.at).toBeGreaterThanOrEqual(7 * DAY);
      expect(email!.at - sms!.at).toBeLessThan(7 * DAY + MINUTE);
    });
  });
});
