import type { FrequencyCap, MessagingSettings } from '../../../engine/guardrails/settings';

/**
 * What protects a customer from one message step, as server/store/outbox-guard.ts decides it:
 * tasks and transactional messages are never held or capped; otherwise the shop's quiet hours (if
 * it has any) hold or skip the message — the step may override the mode or ignore them — and the
 * shop's frequency caps on that channel count it.
 */
export type QuietRule =
  | { kind: 'exempt'; reason: 'transactional' | 'task' }
  | { kind: 'none' }
  | { kind: 'ignore'; from: string; to: string }
  | { kind: 'hold' | 'skip'; from: string; to: string };

export interface Guardrails {
  channel: string;
  quiet: QuietRule;
  caps: FrequencyCap[];
}

/** The guardrails of a step whose config has a channel, or null for any other step. */
export function guardrailsOf(config: Record<string, unknown>, messaging: MessagingSettings | null): Guardrails | null {
  const channel = config.channel;
  if (typeof channel !== 'string') return null;
  if (channel === 'task') return { channel, quiet: { kind: 'exempt', reason: 'task' }, caps: [] };
  if (config.transactional === true) return { channel, quiet: { kind: 'exempt', reason: 'transactional' }, caps: [] };
  const shopQuiet = messaging?.quietHours ?? null;
  const override = typeof config.quietHours === 'string' ? config.quietHours : 'shop';
  let quiet: QuietRule = { kind: 'none' };
  if (shopQuiet) {
    const window = { from: shopQuiet.from, to: shopQuiet.to };
    if (override === 'ignore') quiet = { kind: 'ignore', ...window };
    else quiet = { kind: override === 'hold' || override === 'skip' ? override : shopQuiet.mode, ...window };
  }
  return { channel, quiet, caps: (messaging?.frequencyCaps ?? []).filter((c) => c.channel === channel) };
}
