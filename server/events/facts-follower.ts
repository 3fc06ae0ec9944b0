import { factChangeEvents, type CustomerEvent, type FactChange } from '../../engine/index';
import type { Logger } from '../logger';
import type { Events } from './event-log';

export interface FactsFollowerDeps {
  facts: {
    refreshCustomer(customerId: string, asOf?: Date): Promise<FactChange[]>;
    refreshCustomers(customerIds: readonly string[], asOf?: Date): Promise<FactChange[]>;
  };
  events: Pick<Events, 'append' | 'appendMany'>;
  timezone(): Promise<string>;
  log: Logger;
}

/** Event types after which a customer's facts may have changed. */
const factEvents = /^(order\.|customer\.updated$)/;

/**
 * Keeps facts current as events arrive: after an order or profile event, the customer's facts are
 * recomputed and each change (stage, tier, tag) is stored as an event of its own, which the router
 * then routes like any other — so a journey can start on `customer.tier_changed`.
 */
export class FactsFollower {
  constructor(private readonly deps: FactsFollowerDeps) {}

  async afterEvent(event: CustomerEvent): Promise<void> {
    if (!factEvents.test(event.type)) return;
    await this.afterChange(event.customerId);
  }

  /**
   * After a batch of stored events: each customer whose facts the batch may have changed is
   * refreshed once, however many of their events it holds, all in one bulk call, and the changes
   * are stored together.
   */
  async afterEvents(events: readonly CustomerEvent[]): Promise<void> {
    const customers = [...new Set(events.filter((e) => factEvents.test(e.type)).map((e) => e.customerId))];
    if (customers.length === 0) return;
    const asOf = new Date();
    const changes = await this.deps.facts.refreshCustomers(customers, asOf).catch(async (e: Error) => {
      // One customer's bad data must not hold up everyone's routing: each alone, and a customer
      // that still fails keeps their mark for the daily refresh.
      this.deps.log.warn({ err: e.message, customers: customers.length }, 'bulk facts follow-up failed; refreshing one customer at a time');
      const each: FactChange[] = [];
      for (const customerId of customers) {
        await this.deps.facts.refreshCustomer(customerId, asOf).then(
          (c) => each.push(...c),
          (err: Error) => this.deps.log.warn({ customerId, err: err.message }, 'customer facts follow-up failed'),
        );
      }
      return each;
    });
    if (changes.length === 0) return;
    await this.deps.events.appendMany(factChangeEvents(changes, asOf, await this.deps.timezone()));
    this.deps.log.info({ customers: new Set(changes.map((c) => c.customerId)).size, changes: changes.length }, 'customer facts changed');
  }

  /** After anything changed what facts are made of (an event, a journey's tag or tier step). */
  async afterChange(customerId: string): Promise<void> {
    const asOf = new Date();
    const changes = await this.deps.facts.refreshCustomer(customerId, asOf);
    if (changes.length === 0) return;
    for (const change of factChangeEvents(changes, asOf, await this.deps.timezone())) await this.deps.events.append(change);
    this.deps.log.info({ customerId, changes: changes.map((c) => c.kind) }, 'customer facts changed');
  }
}
