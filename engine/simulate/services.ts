import type { CountedSend } from '../guardrails/caps';
import { countedSince, decideGuard, isGuarded } from '../guardrails/decide';
import type { RateWindow } from '../guardrails/send-rate';
import { durationToMs } from '../journey/duration';
import type { MessagingSettings } from '../guardrails/settings';
import type { ActionServices, IssuedCoupon, OutgoingMessage } from '../nodes/define';
import { withOptOut } from '../consent/opt-out';

export interface SimulatedCampaign {
  kind: 'amount' | 'percent';
  value: number;
  validDays: number | null;
  expiresAt: string | null;
}

export interface SimulatedMessage {
  at: string;
  nodeId: string;
  channel: string;
  text: string;
  subject?: string | undefined;
  /**
   * `sent`, `held` (sent when quiet hours end or the send rate has room, at `at`), `capped`,
   * `skipped_quiet_hours`, `skipped_no_recipient`, `open` (a staff task).
   */
  status: string;
  reason?: string | undefined;
}

/**
 * The services actions get in a simulation: nothing leaves the process. Messages go through the
 * outbox's own guard decision (engine/guardrails/decide.ts) — quiet hours, send rate, the
 * arbitration window, caps — over this run's messages, kept in memory as the outbox keeps them in
 * its tables; customer changes apply to the simulated customer so later decisions see them.
 */
export function simulatedServices(input: {
  clock: () => number;
  messaging: MessagingSettings;
  shopTimezone: string;
  /** Marketing SMS end with it, as the outbox adds it (server/messaging/outbox-row.ts). */
  optOutText?: string | undefined;
  customer: Record<string, unknown> & { id: string };
  messages: SimulatedMessage[];
  notes: (text: string) => void;
  /** The shop's coupon campaigns, so a simulated coupon has the real value and validity. */
  campaign?: ((id: string) => Promise<SimulatedCampaign | undefined>) | undefined;
}): ActionServices {
  const { messaging, messages, customer } = input;
  /** This run's messages that count against caps, as the outbox's rows: when created, on which channel. */
  const counted: (CountedSend & { channel: string; createdAt: number })[] = [];
  /** The newest send-rate window by journey and window length, as journey_send_windows holds it. */
  const rateWindows = new Map<string, RateWindow>();
  const facts = () => {
    if (!customer.facts || typeof customer.facts !== 'object') customer.facts = {};
    return customer.facts as Record<string, unknown>;
  };
  let coupons = 0;
  /** A pending message that a message of higher priority took the place of: capped, as the outbox does. */
  const giveWay = (id: string, journeyId: string) => {
    const message = messages[Number(id.slice('sim-'.length)) - 1];
    if (message) Object.assign(message, { status: 'capped', reason: `frequency cap: gave way to a message of higher priority (${journeyId})` });
    const i = counted.findIndex((c) => c.id === id);
    if (i >= 0) counted.splice(i, 1);
  };
  return {
    async dispatchMessage(given: OutgoingMessage) {
      const now = input.clock();
      const optOut = given.channel === 'sms' && isGuarded(given.guard) && input.optOutText !== undefined;
      const m = optOut ? { ...given, text: withOptOut(given.text, input.optOutText!) } : given;
      const record = (status: string, at: number, reason?: string) => {
        messages.push({ at: new Date(at).toISOString(), nodeId: m.nodeId, channel: m.channel, text: m.text, subject: m.subject, status, reason });
        return { messageId: `sim-${messages.length}`, duplicate: false, status };
      };
      if (m.recipient === null) return record('skipped_no_recipient', now);
      if (m.channel === 'task') return record('open', now);
      if (!isGuarded(m.guard)) return record('sent', now);
      const since = countedSince(messaging, m.channel, now);
      const sends = since === null ? [] : counted.filter((c) => c.channel === m.channel && c.createdAt > since);
      const rateKey = m.guard.sendRate ? `${m.journeyId}/${durationToMs(m.guard.sendRate.per)}` : '';
      const decision = decideGuard({
        guard: m.guard,
        channel: m.channel,
        messaging,
        shopTimezone: input.shopTimezone,
        now,
        // Pending as a queued row is: not gone out by now, so a higher priority may take its place.
        counted: sends.map((c) => ({ ...c, pending: c.at > now })),
        rateWindow: rateWindows.get(rateKey),
      });
      if (decision.rateSlot) {
        const newest = rateWindows.get(rateKey);
        rateWindows.set(rateKey, { start: decision.rateSlot.start, sent: newest?.start === decision.rateSlot.start ? newest.sent + 1 : 1 });
      }
      if (decision.status !== 'queued') return record(decision.status, now, decision.guardReason);
      for (const id of decision.displaced) giveWay(id, m.journeyId);
      // A message a guardrail holds (quiet hours, send rate) is `held`, at the instant it goes.
      // One that waits only for the arbitration window is shown `sent` at the instant it goes
      // (now + arbitrationSeconds) without a reason: the outbox tells the journey `queued` for it
      // and stores no guardrail's words, as nothing but a higher priority could stop it.
      const at = decision.notBefore ?? now;
      const sent = record(decision.held ? 'held' : 'sent', at, decision.guardReason);
      counted.push({ id: sent.messageId, at, priority: m.guard.priority, pending: at > now, channel: m.channel, createdAt: now });
      return sent;
    },
    customers: {
      async addTags(_id, tags) {
        const current = Array.isArray(facts().tags) ? (facts().tags as string[]) : [];
        facts().tags = [...new Set([...current, ...tags])];
        input.notes(`tags + ${tags.join(', ')}`);
      },
      async removeTags(_id, tags) {
        const current = Array.isArray(facts().tags) ? (facts().tags as string[]) : [];
        facts().tags = current.filter((t) => !tags.includes(t));
        input.notes(`tags − ${tags.join(', ')}`);
      },
      async setAttribute(_id, name, value) {
        customer[name] = value;
        input.notes(`${name} = ${JSON.stringify(value)}`);
      },
      async raiseTier(_id, tier) {
        facts().tier = tier;
        input.notes(`tier → ${tier}`);
        return { tier, changed: true };
      },
    },
    coupons: {
      async issue(campaignId): Promise<IssuedCoupon> {
        coupons += 1;
        const c = await input.campaign?.(campaignId);
        const expiresAt = c?.expiresAt ?? new Date(input.clock() + (c?.validDays ?? 7) * 86_400_000).toISOString();
        return { code: `SIM${String(coupons).padStart(4, '0')}`, campaignId, expiresAt, amount: c?.kind === 'amount' ? c.value : null };
      },
    },
    http: {
      async postJson(url) {
        // Nothing is sent from a simulation; the step records where it would have gone.
        input.notes(`would POST to ${new URL(url).host}`);
        return { status: 200, body: '' };
      },
    },
  };
}
