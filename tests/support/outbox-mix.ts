import fc from 'fast-check';
import { nanoid } from 'nanoid';
import type { MessageGuard, MessagingSettings, OutgoingMessage } from '../../engine/index';

/**
 * Generated mixes of messages for the outbox, meant to reach every guardrail: a few customers
 * (some in another time zone) with two or three messages each, SMS, email and tasks, missing
 * addresses, transactional and marketing messages of several priorities, quiet hours around the
 * messages' instants, frequency caps, arbitration on or off, journeys with a send rate, keys
 * repeated within the batch and keys already stored. Everything lives under a fresh `scope`, so
 * the mixes of one run share a database without meeting.
 */
export interface OutboxMix {
  scope: string;
  messaging: Partial<MessagingSettings>;
  /** Enqueued one by one before the batch, on both databases alike. */
  before: OutgoingMessage[];
  /** Keys of `before` then marked sent (at their creation instant). */
  sentBefore: string[];
  batch: OutgoingMessage[];
}

/** 20:30 in Shanghai, 07:30 in New York: quiet hours 21:00–09:00 begin or end within the mix's three hours. */
const base = Date.parse('2030-01-01T12:30:00Z');

const spec = fc.record({
  customer: fc.nat(2),
  journey: fc.nat(2),
  channel: fc.constantFrom('sms', 'sms', 'sms', 'email', 'task'),
  noRecipient: fc.nat(9).map((n) => n === 0),
  kind: fc.constantFrom('none', 'transactional', 'marketing', 'marketing', 'marketing', 'marketing'),
  priority: fc.integer({ min: 1, max: 6 }),
  quietHours: fc.constantFrom<MessageGuard['quietHours']>('shop', 'shop', 'hold', 'skip', 'ignore'),
  minutes: fc.nat(36).map((n) => n * 5),
  key: fc.oneof(
    { weight: 6, arbitrary: fc.constant({ kind: 'fresh' as const }) },
    { weight: 1, arbitrary: fc.nat().map((i) => ({ kind: 'batch' as const, i })) },
    { weight: 1, arbitrary: fc.nat().map((i) => ({ kind: 'before' as const, i })) },
  ),
});
type Spec = typeof spec extends fc.Arbitrary<infer T> ? T : never;

const settings = fc.record({
  quietHours: fc.constantFrom(null, { from: '21:00', to: '09:00', mode: 'hold' as const }, { from: '21:00', to: '09:00', mode: 'skip' as const }),
  frequencyCaps: fc.subarray(
    [
      { channel: 'sms' as const, max: 1, within: 'P1D' },
      { channel: 'sms' as const, max: 2, within: 'PT2H' },
      { channel: 'email' as const, max: 1, within: 'PT1H' },
      { channel: 'email' as const, max: 2, within: 'P1D' },
    ],
    { minLength: 1 },
  ),
  arbitrationSeconds: fc.constantFrom(0, 60, 60, 900),
});

const sendRates = fc.array(fc.option(fc.record({ max: fc.integer({ min: 1, max: 3 }), per: fc.constantFrom('PT1M', 'PT10M') }), { nil: undefined }), {
  minLength: 3,
  maxLength: 3,
});

export const outboxMix: fc.Arbitrary<OutboxMix> = fc
  .record({
    messaging: settings,
    sendRates,
    zones: fc.array(fc.constantFrom(undefined, 'America/New_York'), { minLength: 3, maxLength: 3 }),
    before: fc.array(spec, { maxLength: 6 }),
    sent: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    batch: fc.array(spec, { minLength: 8, maxLength: 30 }),
  })
  .map(({ messaging, sendRates, zones, before, sent, batch }) => {
    const scope = `mix${nanoid(8).replace(/[^a-zA-Z0-9]/g, 'x')}`;
    let n = 0;
    const message = (s: Spec, key: string | undefined, at: number): OutgoingMessage => {
      const journeyId = `${scope}-j${s.journey}`;
      const customerId = `${scope}-c${s.customer}`;
      const sendRate = sendRates[s.journey];
      const guard: MessageGuard | undefined =
        s.kind === 'none'
          ? undefined
          : {
              category: s.kind === 'marketing' ? 'marketing' : 'transactional',
              priority: s.priority,
              quietHours: s.quietHours,
              timezone: zones[s.customer],
              ...(sendRate ? { sendRate } : {}),
            };
      return {
        idempotencyKey: key ?? `${journeyId}:${s.customer}/${++n}`,
        channel: s.channel,
        recipient: s.noRecipient ? null : s.channel === 'email' ? 'a@example.cn' : '13800001234',
        ...(s.channel === 'email' ? { subject: '双11' } : {}),
        text: `${s.kind} ${s.priority}`,
        journeyId,
        journeyVersion: 1,
        nodeId: s.channel,
        customerId,
        guard,
        at,
      };
    };
    const stored = before.map((s) => message({ ...s, key: { kind: 'fresh' } }, undefined, base - s.minutes * 60_000 - 1000));
    const made: OutgoingMessage[] = [];
    for (const s of batch) {
      const key =
        s.key.kind === 'batch' && made.length > 0
          ? made[s.key.i % made.length]!.idempotencyKey
          : s.key.kind === 'before' && stored.length > 0
            ? stored[s.key.i % stored.length]!.idempotencyKey
            : undefined;
      made.push(message(s, key, base + s.minutes * 60_000));
    }
    return {
      scope,
      messaging,
      before: stored,
      sentBefore: stored.filter((_, i) => sent[i]).map((m) => m.idempotencyKey),
      batch: made,
    };
  });
