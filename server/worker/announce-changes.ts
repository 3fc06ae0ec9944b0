import type { CustomerMutations } from '../../engine/index';

/**
 * Customer mutations that tell the rest of Huitou about what they changed: after a journey tags a
 * customer or raises their tier, `afterChange` recomputes their facts and stores the change events
 * (`customer.tagged`, `customer.tier_changed`) exactly as the facts follower does after an order,
 * so other journeys can start on them and the ids are the same whichever path saw the change.
 */
export function announcingChanges(inner: CustomerMutations, afterChange: (customerId: string) => Promise<void>): CustomerMutations {
  return {
    async addTags(customerId, tags, key) {
      await inner.addTags(customerId, tags, key);
      // Also on a retry, when the tag was already added by the failed attempt: the event ids are
      // deterministic, so a change announced before is stored once.
      await afterChange(customerId);
    },
    async removeTags(customerId, tags, key) {
      await inner.removeTags(customerId, tags, key);
      await afterChange(customerId);
    },
    setAttribute: (customerId, name, value, key) => inner.setAttribute(customerId, name, value, key),
    async raiseTier(customerId, tier, key) {
      const result = await inner.raiseTier(customerId, tier, key);
      await afterChange(customerId);
      return result;
    },
  };
}
