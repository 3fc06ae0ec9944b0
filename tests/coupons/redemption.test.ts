import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCustomerEvent, type CustomerEvent } from '../../engine/index';
import { Campaigns } from '../../server/coupons/campaigns';
import { Coupons } from '../../server/coupons/coupon-service';
import { storeAndApply } from '../../server/events/event-effects';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases';
import { orderEvent, uniqueId } from '../support/journeys';

describe.each(databaseKinds)('coupon redemption from order events on %s', (kind) => {
  let t: TestDatabase;
  let campaignId: string;
  let coupons: Coupons;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    coupons = new Coupons(t.db);
    campaignId = (
      await new Campaigns(t.db).create({ name: '减10', kind: 'amount', value: 10, minimumSpend: 0, validDays: 30, codeSource: 'generated', codePrefix: '' })
    ).id;
  });
  afterAll(() => t?.close());

  const issue = async (customer: string) => (await coupons.issue(campaignId, customer, `${uniqueId('wf')}/run/n/1`))!.code;
  const store = async (event: CustomerEvent) => {
    const parsed = parseCustomerEvent(event);
    if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
    await storeAndApply(t.db, parsed.data);
  };
  const codeRow = (code: string) =>
    t.db.selectFrom('coupon_codes').select(['redeemed_order_id', 'redeemed_at']).where('code', '=', code).executeTakeFirstOrThrow();

  it('redeems the codes an order names when it is paid', async () => {
    const customer = uniqueId('c');
    const code = await issue(customer);
    const order = uniqueId('o');
    await store(orderEvent('order.created', customer, order, { amount: 120 }));
    expect(await codeRow(code)).toEqual({ redeemed_order_id: null, redeemed_at: null });
    const paid = orderEvent('order.paid', customer, order, { couponCodes: [code] });
    await store(paid);
    const row = await codeRow(code);
    expect(row.redeemed_order_id).toBe(order);
    expect(row.redeemed_at!.toISOString()).toBe(new Date(paid.occurredAt).toISOString());
    const campaign = await new Campaigns(t.db).get(campaignId);
    expect(campaign!.stats.redeemed).toBeGreaterThanOrEqual(1);
  });

  it('claims codes at creation and redeems them on payment', async () => {
    const customer = uniqueId('c');
    const code = await issue(customer);
    const order = uniqueId('o');
    await store(orderEvent('order.created', customer, order, { amount: 99, couponCodes: [code] }));
    expect(await codeRow(code)).toEqual({ redeemed_order_id: order, redeemed_at: null });
    await store(orderEvent('order.paid', customer, order, {}));
    expect((await codeRow(code)).redeemed_at).not.toBeNull();
  });

  it("leaves another customer's code, an expired code and an already redeemed code alone", async () => {
    const owner = uniqueId('c');
    const other = uniqueId('c');
    const foreign = await issue(owner);
    const expired = await issue(other);
    await t.db
      .updateTable('coupon_codes')
      .set({ expires_at: new Date(Date.now() - 60_000) })
      .where('code', '=', expired)
      .execute();
    const used = await issue(other);
    const first = uniqueId('o');
    await store(orderEvent('order.created', other, first, { amount: 50 }));
    await store(orderEvent('order.paid', other, first, { couponCodes: [used] }));
    const order = uniqueId('o');
    await store(orderEvent('order.created', other, order, { amount: 80 }));
    await store(orderEvent('order.paid', other, order, { couponCodes: [foreign, expired, used] }));
    expect(await codeRow(foreign)).toEqual({ redeemed_order_id: null, redeemed_at: null });
    expect(await codeRow(expired)).toEqual({ redeemed_order_id: null, redeemed_at: null });
    expect((await codeRow(used)).redeemed_order_id).toBe(first);
  });

  it('refuses couponCodes that are not a list of codes, naming the field', () => {
    const bad = parseCustomerEvent(orderEvent('order.paid', 'c', 'o', { couponCodes: 'ABC' }));
    expect(bad.success).toBe(false);
    if (!bad.success) expect(bad.error.issues.map((i) => i.path.join('.'))).toContain('data.couponCodes');
  });
});
