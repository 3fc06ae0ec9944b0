import { describe, expect, it } from 'vitest';
import { isBirthday, isTimeZone, parseCustomerEvent, parseDateTimeWithOffset, plainMessages, zodProblems } from '../../engine/index';

const envelope = { id: 'e-1', customerId: 'c-1', occurredAt: '2026-11-11T20:00:00+08:00' };
/** The problems' paths and messages for an event, or 'ok'. */
function check(type: string, data: unknown): 'ok' | [string, string][] {
  const parsed = parseCustomerEvent({ ...envelope, type, data }, plainMessages);
  return parsed.success ? 'ok' : zodProblems(parsed.error, []).map((p) => [p.path, p.message]);
}

describe('event data schemas per type', () => {
  it('order.created needs orderId and amount; discount and productIds are checked when given', () => {
    expect(check('order.created', { orderId: 'o-1', amount: 0, note: 'kept' })).toBe('ok');
    expect(check('order.created', {})).toEqual([
      ['data.orderId', 'orderId: is required'],
      ['data.amount', 'amount: is required'],
    ]);
    expect(check('order.created', { orderId: 'o-1', amount: 5, discount: -1, productIds: 'P1' })).toEqual([
      ['data.discount', 'discount: must be a number of at least 0'],
      ['data.productIds', 'productIds: must be an array of product ids'],
    ]);
  });

  it('status events need only orderId; the envelope and the data schema report a problem once', () => {
    expect(check('order.refunded', { orderId: 'o-1' })).toBe('ok');
    expect(check('order.paid', { orderId: 7, amount: -1 })).toEqual([
      ['data.orderId', 'orderId: orderId must be a string'],
      ['data.amount', 'amount: amount must be a number of at least 0'],
    ]);
  });

  it('customer.updated: profile fields, null to clear, a real birthday and a known time zone', () => {
    expect(check('customer.updated', { name: '王芳', phone: null, birthday: '02-29', timezone: 'Asia/Shanghai', attributes: { vip: true } })).toBe('ok');
    expect(check('customer.updated', { birthday: '1990-02-30', timezone: 'Asia/Beijing', attributes: [], region: 3 })).toEqual([
      ['data.timezone', 'timezone: must be an IANA time zone such as Asia/Shanghai'],
      ['data.region', 'region: must be a string'],
      ['data.attributes', 'attributes: must be an object'],
      // 02-30 is a 农历 day: refused after the fields, as no birthdayCalendar says lunar.
      ['data.birthday', 'birthday: must be a date as YYYY-MM-DD (or MM-DD when the year is unknown)'],
    ]);
    expect(check('customer.updated', { birthday: '1990-02-30', birthdayCalendar: 'lunar' })).toBe('ok');
    expect(check('customer.updated', { birthday: '1990-13-01', birthdayCalendar: 'lunar', region: 3 })).toEqual([
      ['data.birthday', 'birthday: must be a date as YYYY-MM-DD (or MM-DD when the year is unknown)'],
      ['data.region', 'region: must be a string'],
    ]);
  });

  it("a shop's own event types carry any data", () => {
    expect(check('cart.added', { anything: [1, 2] })).toBe('ok');
  });

  it('field checks', () => {
    expect([isBirthday('2000-02-29'), isBirthday('2001-02-29'), isBirthday('02-29'), isBirthday('13-01'), isBirthday('1990-1-1')]).toEqual([
      true,
      false,
      true,
      false,
      false,
    ]);
    expect([isTimeZone('Asia/Shanghai'), isTimeZone('UTC'), isTimeZone('Asia/Beijing'), isTimeZone('')]).toEqual([true, true, false, false]);
    expect(parseDateTimeWithOffset('2026-11-11T20:00:00+08:00')?.toISOString()).toBe('2026-11-11T12:00:00.000Z');
    expect(parseDateTimeWithOffset('2026-11-11T20:00:00')).toBeNull();
    expect(parseDateTimeWithOffset('2026-02-30T20:00:00Z')).toBeNull();
  });
});
