import { durationToMs } from '../journey/duration';
import type { FrequencyCap } from './settings';

/** A marketing message already counted against the customer's caps on a channel. */
export interface CountedSend {
  id: string;
  /** When it goes (went) out: epoch ms. */
  at: number;
  priority: number;
  /** Not delivered yet (queued or held): a higher-priority message may take its place. */
  pending: boolean;
}

export type CapDecision = { kind: 'send'; displace: string[] } | { kind: 'capped'; cap: FrequencyCap };

/**
 * Whether a marketing message going out at `at` with `priority` fits the customer's caps on its
 * channel. When a cap bites, the message still goes if it can take the place of pending messages
 * of lower priority in every cap it breaks (they are then capped instead); otherwise it is capped.
 * Among equal priorities the first one keeps its place.
 */
export function decideCaps(candidate: { at: number; priority: number }, counted: readonly CountedSend[], caps: readonly FrequencyCap[]): CapDecision {
  const displace = new Set<string>();
  for (const cap of caps) {
    const within = durationToMs(cap.within);
    const inWindow = counted.filter((s) => !displace.has(s.id) && Math.abs(candidate.at - s.at) < within);
    let excess = inWindow.length + 1 - cap.max;
    if (excess <= 0) continue;
    // Lowest priority first, the latest of those first: the message that matters least gives way.
    const yielding = inWindow.filter((s) => s.pending && s.priority < candidate.priority).sort((a, b) => a.priority - b.priority || b.at - a.at);
    if (yielding.length < excess) return { kind: 'capped', cap };
    for (const s of yielding) {
      if (excess-- <= 0) break;
      displace.add(s.id);
    }
  }
  return { kind: 'send', displace: [...displace] };
}
