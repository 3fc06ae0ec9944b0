import type { CustomerEvent } from '../events/schema';
import { localDate } from './dates';
import type { LifecycleStage, TierId } from './settings';

/** A change in a customer's facts that journeys may trigger on. */
export type FactChange =
  | { customerId: string; kind: 'stage_changed'; from: LifecycleStage | null; to: LifecycleStage }
  | { customerId: string; kind: 'tier_changed'; from: TierId | null; to: TierId }
  | { customerId: string; kind: 'tagged'; tag: string };

/** The event types a facts change produces: journeys they trigger run for many customers at once. */
export const factChangeEventTypes: readonly string[] = [
  'customer.stage_changed',
  'customer.tier_changed',
  'customer.tagged',
] satisfies `customer.${FactChange['kind']}`[];

/**
 * The events a change produces: `customer.stage_changed`, `customer.tier_changed`, `customer.tagged`.
 * Ids are deterministic per customer, change and local day, so a refresh that runs twice (a retried
 * activity, a manual refresh after the daily one) stores each change once.
 */
export function factChangeEvents(changes: FactChange[], asOf: Date, timezone: string): CustomerEvent[] {
  const day = localDate(asOf, timezone);
  const occurredAt = asOf.toISOString();
  return changes.map((c) => {
    const what = c.kind === 'tagged' ? `tag:${c.tag}` : `${c.from ?? 'none'}->${c.to}`;
    const data = c.kind === 'tagged' ? { tag: c.tag } : { from: c.from, to: c.to };
    return { id: `facts:${c.customerId}:${c.kind}:${what}:${day}`, type: `customer.${c.kind}`, customerId: c.customerId, occurredAt, data };
  });
}
