import { decideCaps, type CountedSend } from '../guardrails/caps';
import { quietUntil } from '../guardrails/quiet-hours';
import type { MessagingSettings } from '../guardrails/settings';
import type { ActionServices, IssuedCoupon, OutgoingMessage } from '../nodes/define';

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
  /** `sent`, `held` (sent when quiet hours end, at `at`), `capped`, `skipped_quiet_hours`, `skipped_no_recipient`, `open` (a staff task). */
  status: string;
  reason?: string | undefined;
}

/**
 * The services actions get in a simulation: nothing leaves the process. Messages are recorded
 * with the same guardrails the outbox applies (quiet hours, caps among this run's messages);
 * customer changes apply to the simulated customer so later decisions see them.
 */
export function simulatedServices(input: {
  clock: () => number;
  messaging: MessagingSettings;
  shopTimezone: string;
  customer: Record<string, unknown> & { id: string };
  messages: SimulatedMessage[];
  notes: (text: string) => void;
  /** The shop's coupon campaigns, so a simulated coupon has the real value and validity. */
  campaign?: ((id: string) => Promise<SimulatedCampaign | undefined>) | undefined;
}): ActionServices {
  const { messaging, messages, customer } = input;
  const counted: (CountedSend & { channel: string })[] = [];
  const facts = () => {
    if (!customer.facts || typeof customer.facts !== 'object') customer.facts = {};
    return customer.facts as Record<string, unknown>;
  };
  let coupons = 0;
  return {
    async dispatchMessage(m: OutgoingMessage) {
      const now = input.clock();
      const record = (status: string, at: number, reason?: string) => {
        messages.push({ at: new Date(at).toISOString(), nodeId: m.nodeId, channel: m.channel, text: m.text, subject: m.subject, status, reason });
        return { messageId: `sim-${messages.length}`, duplicate: false, status };
      };
      if (m.recipient === null) return record('skipped_no_recipient', now);
      if (m.channel === 'task') return record('open', now);
      const guard = m.guard;
      if (!guard || guard.category !== 'marketing') return record('sent', now);
      let at = now;
      let held = false;
      const quiet = messaging.quietHours;
      if (quiet && guard.quietHours !== 'ignore') {
        const until = quietUntil(now, guard.timezone ?? input.shopTimezone, quiet);
        const mode = guard.quietHours === 'shop' ? quiet.mode : guard.quietHours;
        if (until !== null && mode === 'skip') return record('skipped_quiet_hours', now, `quiet hours ${quiet.from}–${quiet.to}`);
        if (until !== null) [at, held] = [until, true];
      }
      const caps = messaging.frequencyCaps.filter((c) => c.channel === m.channel);
      const decision = decideCaps({ at, priority: guard.priority }, counted.filter((c) => c.channel === m.channel), caps);
      if (decision.kind === 'capped') return record('capped', now, `frequency cap: at most ${decision.cap.max} ${decision.cap.channel} per ${decision.cap.within}`);
      const id = `sim-${messages.length + 1}`;
      counted.push({ id, at, priority: guard.priority, pending: false, channel: m.channel });
      return record(held ? 'held' : 'sent', at, held ? 'quiet-hours' : undefined);
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
