import { entryFor, type Journey, type NodeRegistry } from '../../engine/index';
import type { ChangeGroup } from '../facts/settings-preview';

export interface JourneyEntries {
  id: string;
  name: string;
  /** Customers whose change event the journey's trigger accepts (before its re-entry rules). */
  customers: number;
}

/**
 * The live journeys a set of fact changes would start, and for how many customers: each group's
 * change event (customer.stage_changed {from, to}, customer.tier_changed, customer.tagged {tag})
 * is put to every live journey's trigger as the router puts a stored one (entryFor), once per
 * group rather than once per customer — the event's type and data are all a trigger sees of it
 * that differs within a group. Re-entry rules are not applied: a customer already in the journey
 * counts.
 */
export async function entriesOnChanges(
  published: readonly { journey: Journey; status: string }[],
  registry: NodeRegistry,
  groups: readonly ChangeGroup[],
  asOf: Date,
): Promise<JourneyEntries[]> {
  const found: JourneyEntries[] = [];
  for (const { journey, status } of published) {
    if (status !== 'live') continue;
    let customers = 0;
    for (const group of groups) {
      const data = group.kind === 'tagged' ? { tag: group.tag } : { from: group.from, to: group.to };
      const event = { id: `preview:${group.kind}`, type: `customer.${group.kind}`, customerId: 'preview', occurredAt: asOf.toISOString(), data };
      if (await entryFor(journey, registry, event)) customers += group.customers;
    }
    if (customers > 0) found.push({ id: journey.id, name: journey.name, customers });
  }
  return found.sort((a, b) => b.customers - a.customers || a.name.localeCompare(b.name));
}
