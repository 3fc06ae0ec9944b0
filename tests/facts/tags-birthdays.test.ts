import { describe, expect, it } from 'vitest';
import { databaseKinds, type TestDatabase } from '../support/databases';
import { at, expectFacts, loadFixture, shopForSuite, type FixtureOrder, type Shop } from './support';

const asOf = new Date(at('2026-06-30', '12:00'));
let n = 0;
const order = (customer: string, amount: number, discount: number, extra: Partial<FixtureOrder> = {}): FixtureOrder => ({
  id: `o${++n}`,
  customer,
  status: 'paid',
  amount,
  discount,
  createdAt: at('2026-06-01'),
  ...extra,
});

const tagSettings = {
  tagRules: [
    { kind: 'price-sensitive', minDiscountPct: 20 },
    { kind: 'bought-category', tag: '油性肤质', categories: ['控油'] },
    { kind: 'bought-product', tag: '赠品', productIds: ['gift'] },
  ],
};

describe.each(databaseKinds)('tags and birthdays on %s', (kind) => {
  let t: TestDatabase;
  let shop: Shop;
  shopForSuite(kind, (opened) => ({ t, shop } = opened));

  it('tags price-sensitive buyers (strictly more than half of counted orders at least 20 % off) and buyers of a category or product', async () => {
    await loadFixture(shop, {
      settings: tagSettings,
      products: [
        { id: 'oil-control-toner', category: '控油' },
        { id: 'moisturiser', category: '保湿' },
        { id: 'gift', category: null },
      ],
      customers: [{ id: 't4', manualTags: ['VIP客户'] }, { id: 't5', manualTags: ['回访'] }, { id: 't7' }],
      orders: [
        // t1: 20 % and 29 % off, one full price: 2 of 3.
        order('t1', 80, 20),
        order('t1', 71, 29),
        order('t1', 100, 0),
        order('t1', 50, 50, { status: 'refunded' }),
        // t2: one of two: exactly half is not most.
        order('t2', 80, 20),
        order('t2', 100, 0),
        // t3: two of four counted; the refunded and unpaid discounted ones do not count.
        order('t3', 80, 20),
        order('t3', 80, 20),
        order('t3', 100, 0),
        order('t3', 100, 0),
        order('t3', 10, 90, { status: 'refunded' }),
        order('t3', 10, 90, { status: 'created' }),
        order('t3', 10, 90, { status: 'closed' }),
        // t4: bought an oil-control product.
        order('t4', 120, 0, { products: ['moisturiser', 'oil-control-toner'] }),
        // t5: bought one but returned it.
        order('t5', 120, 0, { products: ['oil-control-toner'], status: 'refunded' }),
        // t6: the gift product; 19.99 % off is not 20 %.
        order('t6', 80.01, 19.99, { products: ['gift'] }),
        // t7: after asOf.
        order('t7', 50, 50, { createdAt: at('2026-07-01') }),
      ],
    });
    await expectFacts(shop, asOf, {
      t1: { tags: ['价格敏感'] },
      t2: { tags: [] },
      t3: { tags: [] },
      t4: { tags: ['VIP客户', '油性肤质'] },
      t5: { tags: ['回访'] },
      t6: { tags: ['赠品'] },
      t7: { tags: [] },
    });
    const ruleTags = await t.db.selectFrom('customer_tags').select(['customer_id', 'tag']).where('source', '=', 'rule').orderBy('customer_id').execute();
    expect(ruleTags).toEqual([
      { customer_id: 't1', tag: '价格敏感' },
      { customer_id: 't4', tag: '油性肤质' },
      { customer_id: 't6', tag: '赠品' },
    ]);
    // A rule tag goes when its reason goes (t4 returns the toner); the manual tag stays.
    await t.db.updateTable('orders').set({ status: 'refunded' }).where('customer_id', '=', 't4').execute();
    await expectFacts(shop, asOf, { t4: { tags: ['VIP客户'] } });
    expect(await t.db.selectFrom('customer_tags').select('tag').where('customer_id', '=', 't4').execute()).toEqual([{ tag: 'VIP客户' }]);
  });

  it('counts days to the birthday in the customer zone, with 29 February on 28 February in common years', async () => {
    // asOf 20:00 UTC on 28 Feb 2026: 04:00 on 1 March in Shanghai, 15:00 on 28 February in New York.
    const when = new Date('2026-02-28T20:00:00Z');
    await loadFixture(shop, {
      customers: [
        { id: 'b1', birthday: '2000-02-29' },
        { id: 'b2', birthday: '02-29', timezone: 'America/New_York' },
        { id: 'b3', birthday: '03-01' },
        { id: 'b4', birthday: '03-01', timezone: 'America/New_York' },
        { id: 'b5', birthday: '1990-12-31' },
        { id: 'b6', birthday: '04-31' },
        { id: 'b7', birthday: '03-01', timezone: 'Mars/Olympus_Mons' },
        { id: 'b8' },
        // A 农历 birthday has no days-to-birthday fact yet, in the bulk refresh and per customer alike.
        { id: 'b9', birthday: '03-01', attributes: { birthdayCalendar: 'lunar' } },
        { id: 'b10', birthday: '03-01', attributes: { birthdayCalendar: 'solar' } },
      ],
    });
    await expectFacts(shop, when, {
      b1: { daysToBirthday: 364 }, // next on 28 Feb 2027
      b2: { daysToBirthday: 0 }, // today, 28 Feb, in New York
      b3: { daysToBirthday: 0 },
      b4: { daysToBirthday: 1 },
      b5: { daysToBirthday: 305 },
      b6: { daysToBirthday: null }, // no 31 April
      b7: { daysToBirthday: 0 }, // unknown zone: the shop's
      b8: { daysToBirthday: null },
      b9: { daysToBirthday: null },
      b10: { daysToBirthday: 0 },
    });
    // In a leap year the 29th is the 29th: 04:00 on 29 Feb 2028 in Shanghai, 15:00 on the 28th in New York.
    await expectFacts(shop, new Date('2028-02-28T20:00:00Z'), { b1: { daysToBirthday: 0 }, b2: { daysToBirthday: 1 }, b5: { daysToBirthday: 306 } });
  });
});
