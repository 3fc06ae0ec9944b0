import { heartbeat } from '@temporalio/activity';
import { factChangeEvents, type FactChange } from '../engine/index';
import type { Events } from '../server/store/events';

export interface FactsActivityDeps {
  facts: { refreshAll(asOf?: Date): Promise<FactChange[]> };
  events: Pick<Events, 'appendMany'>;
  timezone(): Promise<string>;
}

/** Activities of the daily facts refresh; built from their dependencies like the journey's. */
export function createFactsActivities(deps: FactsActivityDeps) {
  return {
    async refreshAllFacts(): Promise<{ customersChanged: number; events: number }> {
      const asOf = new Date();
      const beat = setInterval(() => heartbeat(), 20_000);
      try {
        const changes = await deps.facts.refreshAll(asOf);
        const events = factChangeEvents(changes, asOf, await deps.timezone());
        await deps.events.appendMany(events);
        return { customersChanged: new Set(changes.map((c) => c.customerId)).size, events: events.length };
      } finally {
        clearInterval(beat);
      }
    },
  };
}

export type FactsActivities = ReturnType<typeof createFactsActivities>;
