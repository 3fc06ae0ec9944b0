import { describe, expect, it } from 'vitest';
import {
  birthdayMonthDay,
  byCodePoint,
  computeCustomerFacts,
  daysToBirthday,
  isDiscounted,
  mainCategory,
  roundedQuotient,
  shopSettingsSchema,
  type OrderRecord,
} from '../../engine/index';

// The engine's definitions must give exactly what SQL's numeric and `collate "C"` give, or the
// bulk computation and the per-customer one would disagree. These are the cases floating point,
// locales and calendars got wrong.
const settings = shopSettingsSchema.parse({});
const order = (id: string, amount: number, extra: Partial<OrderRecord> = {}): OrderRecord => ({
  id,
  status: 'paid',
  amount,
  discount: 0,
  createdAt: '2026-01-10T04:00:00Z',
  productIds: [],
  ...extra,
});
const facts = (orders: OrderRecord[], customer = {}, s = settings) =>
  computeCustomerFacts({ customer: { id: 'c', ...customer }, orders, products: new Map(), settings: s, population: null, asOf: '2026-02-01T00:00:00Z' });

describe('exact money', () => {
  it('rounds the average order value half up on exact cents (100.01 / 2 = 50.01, not 50.00)', () => {
    expect(facts([order('a', 100), order('b', 0.01)]).aov).toBe(50.01);
    expect(facts([order('a', 10), order('b', 10), order('c', 10.01)]).aov).toBe(10);
    expect(facts([order('a', 0.1), order('b', 0.2)]).totalSpend).toBe(0.3);
  });

  it('rounds quotients of large integers exactly', () => {
    expect(roundedQuotient(2 ** 52 + 1, 2)).toBe(2 ** 51 + 1);
    expect(roundedQuotient(7, 2)).toBe(4);
    expect(roundedQuotient(5, 3)).toBe(2);
    expect(roundedQuotient(4, 3)).toBe(1);
    expect(roundedQuotient(0, 3)).toBe(0);
  });

  it('counts a 29 % discount as at least 29 % (29 / 100 * 100 is 28.999… in floating point)', () => {
    expect(isDiscounted({ amount: 71, discount: 29 }, 29)).toBe(true);
    expect(isDiscounted({ amount: 71.01, discount: 28.99 }, 29)).toBe(false);
    expect(isDiscounted({ amount: 0, discount: 0 }, 0)).toBe(false);
    expect(isDiscounted({ amount: 80, discount: 20 }, 20)).toBe(true);
    expect(isDiscounted({ amount: 80.01, discount: 19.99 }, 20)).toBe(false);
  });
});

describe('main category', () => {
  const products = new Map([
    ['p1', { id: 'p1', category: '面霜' }],
    ['p2', { id: 'p2', category: 'Z' }],
    ['p3', { id: 'p3', category: 'a' }],
  ]);

  it('breaks ties by code point, whatever the locale (Z before a before 面霜)', () => {
    expect(mainCategory([order('o1', 50, { productIds: ['p1', 'p2', 'p3'] })], products)).toBe('Z');
    expect(mainCategory([order('o1', 50, { productIds: ['p1', 'p3'] })], products)).toBe('a');
  });

  it('counts each order whole towards each of its categories', () => {
    const orders = [order('o1', 100, { productIds: ['p1', 'p3'] }), order('o2', 30, { productIds: ['p1'] })];
    expect(mainCategory(orders, products)).toBe('面霜');
  });

  it('sorts by code point like collate "C", not by UTF-16 units', () => {
    // U+FF5E (BMP, above the surrogates) sorts after U+1F600 in UTF-16 but before it by code point.
    expect(['😀', '～'].sort(byCodePoint)).toEqual(['～', '😀']);
  });
});

describe('birthdays and time zones', () => {
  it('refuses birthdays that are no day of any year, and gives no daysToBirthday for them', () => {
    expect(birthdayMonthDay('02-29')).toEqual({ month: 2, day: 29 });
    expect(birthdayMonthDay('1990-04-31')).toBeNull();
    expect(birthdayMonthDay('13-01')).toBeNull();
    expect(birthdayMonthDay('x1990-01-01')).toBeNull();
    expect(facts([], { birthday: '04-31' }).daysToBirthday).toBeNull();
    expect(() => daysToBirthday('04-31', '2026-01-01')).toThrow('not a birthday');
  });

  it('puts 29 February on 28 February in common years', () => {
    expect(daysToBirthday('2000-02-29', '2026-02-28')).toBe(0);
    expect(daysToBirthday('2000-02-29', '2026-03-01')).toBe(364); // next: 2027-02-28
    expect(daysToBirthday('02-29', '2027-03-01')).toBe(365); // next: 2028-02-29
    expect(daysToBirthday('02-29', '2028-02-29')).toBe(0);
  });

  it('uses the shop zone for a customer whose own zone is unknown', () => {
    // asOf 2026-02-01T00:00Z is 08:00 on 1 Feb in Shanghai and 14:00 on 31 Jan in Honolulu.
    expect(facts([], { birthday: '02-01', timezone: 'Pacific/Honolulu' }).daysToBirthday).toBe(1);
    expect(facts([], { birthday: '02-01', timezone: 'Mars/Olympus' }).daysToBirthday).toBe(0);
  });

  it('refuses a shop time zone that is not a known zone', () => {
    const bad = shopSettingsSchema.safeParse({ timezone: 'Asia/Beijing' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['timezone']);
    expect(shopSettingsSchema.parse({ timezone: 'Europe/Berlin' }).timezone).toBe('Europe/Berlin');
  });
});
