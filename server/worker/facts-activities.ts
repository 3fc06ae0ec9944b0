import { heartbeat } from '@temporalio/activity';
import type { FactChange } from '../../engine/index';
import type { FactsActivities } from '../../workflows/facts-activities';

export interface FactsActivityDeps {
  /** The bulk refresh, which stores its changes as events in its own transaction. */
  facts: { refreshAll(asOf?: Date): Promise<FactChange[]> };
}

/** Activities of the daily facts refresh (workflows/facts-activities.ts); built from their dependencies like the journey's. */
export function createFactsActivities(deps: FactsActivityDeps): FactsActivities {
  return {
    async refreshAllFacts(): Promise<{ customersChanged: number; events: number }> {
      const asOf = new Date();
      const beat = setInterval(() => heartbeat(), 20_000);
      try {
        const changes = await deps.facts.refreshAll(asOf);
        return { customersChanged: new Set(changes.map((c) => c.customerId)).size, events: changes.length };
      } finally {
        clearInterval(beat);
      }
    },
  };
}
