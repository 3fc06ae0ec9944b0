import { capsOn } from '../../../engine/guardrails/decide';
import { quietHoursChoices, quietHoursMode, type QuietHoursChoice } from '../../../engine/guardrails/quiet-hours';
import type { FrequencyCap, MessagingSettings } from '../../../engine/guardrails/settings';

/**
 * What protects a customer from one message step, in the words of the guard decision
 * (engine/guardrails/decide.ts), which the outbox and the simulator apply: tasks and transactional
 * messages are never held or capped; otherwise the shop's quiet hours (if it has any) hold or skip
 * the message — the step may override the mode or ignore them — and the shop's frequency caps on
 * that channel count it.
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
  const mode = quietHoursMode(quietChoiceOf(config.quietHours), shopQuiet);
  const quiet: QuietRule = shopQuiet && mode ? { kind: mode, from: shopQuiet.from, to: shopQuiet.to } : { kind: 'none' };
  return { channel, quiet, caps: messaging ? capsOn(messaging, channel) : [] };
}

/** The step's quiet-hours choice; a draft without one (or with one the step does not know) follows the shop. */
function quietChoiceOf(value: unknown): QuietHoursChoice {
  return quietHoursChoices.find((choice) => choice === value) ?? 'shop';
}
