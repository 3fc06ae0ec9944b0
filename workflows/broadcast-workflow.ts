import { continueAsNew, proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { TriggerActivities } from './trigger-activities';

// A page is bounded (at most 5,000 customers examined, one insert): a minute is ample, and it is
// how long a broadcast stalls when the worker running its page dies (Temporal retries the page
// elsewhere only when this runs out). Not part of the command's identity: histories still replay.
const { broadcastPage } = proxyActivities<TriggerActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumAttempts: 10 },
});

export interface BroadcastInput {
  journeyId: string;
  version: number;
  nodeId: string;
  /** Customers per minute; 0 = as fast as the pages go. */
  ratePerMinute: number;
  /** Carried over continue-as-new. */
  after?: string | null | undefined;
  totals?: { examined: number; matched: number; stored: number } | undefined;
}

export interface BroadcastResult {
  examined: number;
  matched: number;
  stored: number;
  halted?: string | undefined;
}

/** Pages before continuing as new: keeps the history small for audiences of millions. */
const PAGES_PER_RUN = 200;

/**
 * A scheduled broadcast (started with a start delay at its date and time): pages through the
 * customers, storing an entry event for each one matching the audience. With a rate, each page
 * holds about a second's share of it and a timer spaces the pages, so enrolments are spread over
 * the minutes rather than all at once.
 */
export async function broadcastWorkflow(input: BroadcastInput): Promise<BroadcastResult> {
  const rate = input.ratePerMinute;
  const limit = rate === 0 ? 500 : Math.max(1, Math.min(500, Math.ceil(rate / 60)));
  const totals = { examined: 0, matched: 0, stored: 0, ...input.totals };
  let after = input.after ?? null;
  for (let pages = 0; ; pages++) {
    if (pages >= PAGES_PER_RUN || workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof broadcastWorkflow>({ ...input, after, totals });
    }
    const page = await broadcastPage({ journeyId: input.journeyId, version: input.version, nodeId: input.nodeId, after, limit });
    totals.examined += page.examined;
    totals.matched += page.matched;
    totals.stored += page.stored;
    if (page.halted) return { ...totals, halted: page.halted };
    if (page.next === null) return totals;
    after = page.next;
    if (rate > 0 && page.matched > 0) await sleep(Math.round((page.matched * 60_000) / rate));
  }
}
