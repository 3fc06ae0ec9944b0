import { describe, expect, it } from 'vitest';
import { decideGuard, messagingSettingsSchema, quietHoursMode, type GuardInput, type MessageGuard, type MessagingSettings } from '../../engine/index';

const minute = 60_000;
const hour = 60 * minute;
/** 22:00 in Shanghai, 14:00 in London: inside 21:00–09:00 for one zone, outside for the other. */
const lateInShanghai = Date.parse('2026-11-10T14:00:00Z');
/** 10:30 in Shanghai: outside quiet hours. */
const morning = Date.parse('2026-11-11T02:30:00Z');

const marketing = (over: Partial<MessageGuard> = {}): MessageGuard => ({
  category: 'marketing',
  priority: 5,
  quietHours: 'shop',
  timezone: 'Asia/Shanghai',
  ...over,
});
const settings = (over: Partial<MessagingSettings> = {}): MessagingSettings => messagingSettingsSchema.parse(over);
const decide = (over: Partial<GuardInput>) =>
  decideGuard({ guard: marketing(), channel: 'sms', messaging: settings(), shopTimezone: 'Europe/London', now: morning, counted: [], ...over });
const quiet = (mode: 'hold' | 'skip') => settings({ quietHours: { from: '21:00', to: '09:00', mode } });

describe('the guard decision: quiet hours', () => {
  it("holds a message in quiet hours in the customer's zone until they end there", () => {
    const d = decide({ messaging: quiet('hold'), now: lateInShanghai });
    expect(d).toEqual({
      status: 'queued',
      held: true,
      notBefore: Date.parse('2026-11-11T01:00:00Z'),
      guardReason: 'quiet-hours',
      reason: { code: 'quiet_hours', params: { from: '21:00', to: '09:00' } },
      displaced: [],
      rateSlot: undefined,
    });
  });

  it("reads the shop's zone when the customer's is unknown", () => {
    // 14:00 in London: the same instant is not quiet for a customer without a zone of a London shop.
    const d = decide({ guard: marketing({ timezone: undefined }), messaging: quiet('hold'), now: lateInShanghai });
    expect(d).toMatchObject({ status: 'queued', held: false, notBefore: undefined, reason: undefined });
    const inShanghaiShop = decide({ guard: marketing({ timezone: undefined }), messaging: quiet('hold'), now: lateInShanghai, shopTimezone: 'Asia/Shanghai' });
    expect(inShanghaiShop).toMatchObject({ held: true, notBefore: Date.parse('2026-11-11T01:00:00Z') });
  });

  it("skips when the shop's mode is skip, and the step's own mode overrides the shop's", () => {
    expect(decide({ messaging: quiet('skip'), now: lateInShanghai })).toEqual({
      status: 'skipped_quiet_hours',
      held: false,
      guardReason: 'quiet hours 21:00–09:00',
      reason: { code: 'quiet_hours', params: { from: '21:00', to: '09:00' } },
      displaced: [],
    });
    expect(decide({ guard: marketing({ quietHours: 'skip' }), messaging: quiet('hold'), now: lateInShanghai }).status).toBe('skipped_quiet_hours');
    expect(decide({ guard: marketing({ quietHours: 'hold' }), messaging: quiet('skip'), now: lateInShanghai })).toMatchObject({ status: 'queued', held: true });
  });

  it('ignore sends at once, and outside quiet hours nothing waits', () => {
    expect(decide({ guard: marketing({ quietHours: 'ignore' }), messaging: quiet('skip'), now: lateInShanghai })).toMatchObject({
      status: 'queued',
      held: false,
      notBefore: undefined,
    });
    expect(decide({ messaging: quiet('skip'), now: morning })).toMatchObject({ status: 'queued', held: false, notBefore: undefined, reason: undefined });
  });

  it('resolves the mode in one place: shop follows the shop, the others are the step’s own, none without quiet hours', () => {
    expect(quietHoursMode('shop', { mode: 'skip' })).toBe('skip');
    expect(quietHoursMode('shop', { mode: 'hold' })).toBe('hold');
    expect(quietHoursMode('hold', { mode: 'skip' })).toBe('hold');
    expect(quietHoursMode('ignore', { mode: 'hold' })).toBe('ignore');
    expect(quietHoursMode('skip', null)).toBeNull();
  });
});

describe('the guard decision: frequency caps, priority and arbitration', () => {
  const capped = settings({ frequencyCaps: [{ channel: 'sms', max: 1, within: 'P1D' }] });

  it('a channel with a cap waits the arbitration window; the first message of the day goes after it', () => {
    expect(decide({ messaging: capped })).toEqual({
      status: 'queued',
      held: false,
      notBefore: morning + minute,
      guardReason: undefined,
      reason: { code: 'arbitration', params: { seconds: 60 } },
      displaced: [],
      rateSlot: undefined,
    });
    expect(decide({ messaging: { ...capped, arbitrationSeconds: 0 } })).toMatchObject({ status: 'queued', notBefore: undefined, reason: undefined });
    // The cap counts SMS: an email has nothing to arbitrate.
    expect(decide({ messaging: capped, channel: 'email' })).toMatchObject({ status: 'queued', notBefore: undefined });
  });

  it('a message held longer by quiet hours does not wait the window on top', () => {
    const d = decide({ messaging: { ...capped, quietHours: { from: '21:00', to: '09:00', mode: 'hold' } }, now: lateInShanghai });
    expect(d).toMatchObject({ status: 'queued', held: true, notBefore: Date.parse('2026-11-11T01:00:00Z'), reason: { code: 'quiet_hours' } });
  });

  it('a higher priority takes the place of a pending lower one, which is displaced', () => {
    const pending = [{ id: 'low', at: morning + 30_000, priority: 3, pending: true }];
    const d = decide({ messaging: capped, guard: marketing({ priority: 8 }), counted: pending });
    expect(d).toMatchObject({ status: 'queued', displaced: ['low'], notBefore: morning + minute });
  });

  it('an equal priority, or a message already sent, keeps its place: the new one is capped', () => {
    const pending = [{ id: 'first', at: morning + 30_000, priority: 5, pending: true }];
    expect(decide({ messaging: capped, counted: pending })).toEqual({
      status: 'capped',
      held: false,
      guardReason: 'frequency cap: at most 1 sms per P1D',
      reason: { code: 'frequency_cap', params: { max: 1, channel: 'sms', within: 'P1D' } },
      displaced: [],
      rateSlot: undefined,
    });
    const sent = [{ id: 'sent', at: morning - hour, priority: 1, pending: false }];
    expect(decide({ messaging: capped, guard: marketing({ priority: 10 }), counted: sent }).status).toBe('capped');
  });
});

describe('the guard decision: send rate', () => {
  const rate = { max: 2, per: 'PT1M' };
  const current = Math.floor(morning / minute) * minute;

  it('takes a place in the window of now while it has room, and goes at once', () => {
    expect(decide({ guard: marketing({ sendRate: rate }), rateWindow: null })).toMatchObject({
      status: 'queued',
      held: false,
      notBefore: undefined,
      rateSlot: { windowMs: minute, start: current },
    });
    expect(decide({ guard: marketing({ sendRate: rate }), rateWindow: { start: current, sent: 1 } }).rateSlot).toEqual({ windowMs: minute, start: current });
    // A window older than the one of now says nothing of it.
    expect(decide({ guard: marketing({ sendRate: rate }), rateWindow: { start: current - minute, sent: 2 } }).rateSlot).toEqual({
      windowMs: minute,
      start: current,
    });
  });

  it('a full window holds the message until the next one opens', () => {
    const d = decide({ guard: marketing({ sendRate: rate }), rateWindow: { start: current, sent: 2 } });
    expect(d).toEqual({
      status: 'queued',
      held: true,
      notBefore: current + minute,
      guardReason: 'send-rate',
      reason: { code: 'send_rate', params: { max: 2, per: 'PT1M' } },
      displaced: [],
      rateSlot: { windowMs: minute, start: current + minute },
    });
    // Later windows already opened: the newest one with room.
    expect(decide({ guard: marketing({ sendRate: rate }), rateWindow: { start: current + 2 * minute, sent: 1 } })).toMatchObject({
      notBefore: current + 2 * minute,
      rateSlot: { start: current + 2 * minute },
    });
  });

  it('counts from the end of quiet hours, and names both guardrails', () => {
    const end = Date.parse('2026-11-11T01:00:00Z');
    const d = decide({ guard: marketing({ sendRate: rate }), messaging: quiet('hold'), now: lateInShanghai, rateWindow: { start: end, sent: 2 } });
    expect(d).toMatchObject({
      held: true,
      notBefore: end + minute,
      guardReason: 'quiet-hours, send-rate',
      reason: { code: 'send_rate' },
      rateSlot: { start: end + minute },
    });
  });

  it('a message then capped still took its place in the window (the window counts what the journey tried)', () => {
    const capped = settings({ frequencyCaps: [{ channel: 'sms', max: 1, within: 'P1D' }] });
    const d = decide({
      guard: marketing({ sendRate: rate }),
      messaging: capped,
      counted: [{ id: 'sent', at: morning - hour, priority: 5, pending: false }],
      rateWindow: null,
    });
    expect(d).toMatchObject({ status: 'capped', rateSlot: { windowMs: minute, start: current } });
  });
});

describe('the guard decision: what it leaves alone', () => {
  it('a transactional message, or one without a guard, is queued at once whatever the shop set', () => {
    const strict = settings({ quietHours: { from: '21:00', to: '09:00', mode: 'skip' }, frequencyCaps: [{ channel: 'sms', max: 1, within: 'P1D' }] });
    const full = [{ id: 'sent', at: lateInShanghai - hour, priority: 10, pending: false }];
    const expected = { status: 'queued', held: false, displaced: [] };
    expect(
      decide({
        guard: marketing({ category: 'transactional', sendRate: { max: 1, per: 'PT1H' } }),
        messaging: strict,
        now: lateInShanghai,
        counted: full,
        rateWindow: { start: 0, sent: 99 },
      }),
    ).toEqual(expected);
    expect(decide({ guard: undefined, messaging: strict, now: lateInShanghai, counted: full })).toEqual(expected);
  });
});

describe('the guard decision: quiet days by the official calendar', () => {
  const quietDays = (mode: 'hold' | 'skip', days: 'none' | 'holidays' | 'off') => settings({ quietHours: { from: '21:00', to: '09:00', mode, days } });
  // 15:00 on 3 October 2026 in Shanghai: 国庆节, a holiday.
  const nationalDay = Date.parse('2026-10-03T07:00:00Z');
  // 15:00 on Saturday 10 October 2026: a 调休 working day.
  const workedSaturday = Date.parse('2026-10-10T07:00:00Z');

  it('holds a marketing message through 国庆 until 09:00 on 8 October, or skips it', () => {
    expect(decide({ messaging: quietDays('hold', 'holidays'), now: nationalDay })).toMatchObject({
      status: 'queued',
      held: true,
      notBefore: Date.parse('2026-10-08T01:00:00Z'),
      guardReason: 'quiet-hours',
    });
    expect(decide({ messaging: quietDays('skip', 'off'), now: nationalDay }).status).toBe('skipped_quiet_hours');
  });

  it('lets it go on a holiday with days "none", and on the worked Saturday with days "off"', () => {
    expect(decide({ messaging: quietDays('hold', 'none'), now: nationalDay })).toMatchObject({ status: 'queued', held: false });
    expect(decide({ messaging: quietDays('hold', 'off'), now: workedSaturday })).toMatchObject({ status: 'queued', held: false });
  });
});
