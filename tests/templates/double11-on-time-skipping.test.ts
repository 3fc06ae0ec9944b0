import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Campaigns } from '../../server/coupons/campaigns';
import { TemplateCatalog } from '../../server/journeys/templates/catalog';
import { Orders } from '../../server/customers/orders';
import { openTestDatabase, type TestDatabase } from '../support/databases';
import { uniqueId } from '../support/journeys';
import { createTimeSkippingEnvironment, quietTemporalForTests } from '../temporal/harness';
import { TimeSkippingJourneys } from '../temporal/journey-runner';

const DAY = 86_400_000;

/**
 * The Double 11 template on its own time-skipping server: it moves the virtual clock to fixed
 * dates in 2027, and every workflow an earlier case completed leaves the test server timers (its
 * run timeout) that can carry the clock years ahead while it skips.
 */
describe('the Double 11 template on the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  let testDb: TestDatabase;
  let run: TimeSkippingJourneys;
  const catalog = new TemplateCatalog();

  beforeAll(async () => {
    quietTemporalForTests();
    [env, testDb] = await Promise.all([createTimeSkippingEnvironment(), openTestDatabase('embedded')]);
    run = new TimeSkippingJourneys(env, testDb);
  });
  afterAll(async () => {
    await env?.teardown();
    await testDb?.close();
  });

  const event: TimeSkippingJourneys['event'] = (...args) => run.event(...args);
  const newCustomer = (profile?: Record<string, string>) => run.newCustomer(profile);

  it('Double 11: lost customers get the email 15 days ahead, active ones the SMS 5 days ahead, every group its own text the day before; loyal ones the VIP coupon it promises', async () => {
    const journey = catalog.instantiate('double11-waves', 'zh-CN', { journeyId: uniqueId('double11'), eventDate: '2027-11-11' })!;
    // The template's campaign, capped at one coupon here so the second loyal customer finds it used up.
    await new Campaigns(testDb.db).create({ ...catalog.get('double11-waves')!.campaigns[0]!, quantityCap: 1 });
    const orders = new Orders(testDb.db);
    const buyer = async (daysAgo: number, tier?: string) => {
      const id = await newCustomer();
      const at = new Date(Date.now() - daysAgo * DAY).toISOString();
      const orderId = uniqueId('o');
      await orders.applyEvent({ id: uniqueId('e'), type: 'order.created', customerId: id, occurredAt: at, data: { orderId, amount: 199 } });
      await orders.applyEvent({ id: uniqueId('e'), type: 'order.paid', customerId: id, occurredAt: at, data: { orderId } });
      if (tier) await testDb.db.updateTable('customers').set({ tier }).where('id', '=', id).execute();
      return id;
    };
    const [lost, active, loyal, lateLoyal] = [await buyer(200), await buyer(10), await buyer(10, 'vip'), await buyer(10, 'vip')];
    const wave = (iso: string) => Date.parse(iso);
    await run.withWorker(async (tq) => {
      await run.skipTo(wave('2027-10-27T10:00:00+08:00'));
      const handles = [];
      for (const c of [lost, active, loyal, lateLoyal]) {
        handles.push(
          (await run.enrol(tq, journey, event('broadcast.due', c, wave('2027-10-27T10:00:00+08:00'), { journeyId: journey.id, version: 1, nodeId: 'trigger' })))
            .handle,
        );
      }
      for (const h of handles) expect(await h.result()).toMatchObject({ exitNodeId: 'done' });
    });
    const sent = async (c: string) => (await run.messages(c)).map((m) => [m.nodeId, new Date(m.at).toISOString().slice(0, 16)]);
    expect(await sent(lost)).toEqual([
      ['wave1-email', '2027-10-27T02:00'],
      ['wave3-ordinary', '2027-11-10T02:00'],
    ]);
    expect(await sent(active)).toEqual([
      ['wave2-sms', '2027-11-06T02:00'],
      ['wave3-active', '2027-11-10T02:00'],
    ]);
    // Both loyal customers reach the coupon step at the same virtual instant; one gets the coupon.
    const loyalOnes = [await sent(loyal), await sent(lateLoyal)].sort((a, b) => (a[1]![0]! < b[1]![0]! ? -1 : 1));
    expect(loyalOnes).toEqual([
      [
        ['wave2-sms', '2027-11-06T02:00'],
        ['wave3-loyal', '2027-11-10T02:00'],
      ],
      [
        ['wave2-sms', '2027-11-06T02:00'],
        ['wave3-loyal-thanks', '2027-11-10T02:00'],
      ],
    ]);
    const withCoupon = (await run.messages(loyal)).concat(await run.messages(lateLoyal)).find((m) => m.nodeId === 'wave3-loyal')!;
    const issued = await testDb.db
      .selectFrom('coupon_codes')
      .select(['code', 'customer_id'])
      .where('campaign_id', '=', 'double11-vip')
      .where('customer_id', 'is not', null)
      .execute();
    expect(issued).toHaveLength(1);
    expect(withCoupon.text).toContain(`券码 ${issued[0]!.code}`);
    expect(withCoupon.text).toContain('¥50 VIP 专属券已放入账户');
  });
});
