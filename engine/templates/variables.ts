/**
 * The variables a message template can use (engine/facts/decision-facts.ts templateView), for
 * publish-time warnings about names nothing will fill. `order.*` and `event.*` carry the event's
 * own data, whose fields a shop chooses, so only their roots are checked; a customer's attributes
 * sit beside the profile fields, so a name not listed here may still be one of them.
 */
export const templateVariableRoots = ['customer', 'order', 'event', 'coupon'] as const;

/** The profile fields journeys load for a customer, and `facts`, the computed ones. */
export const customerVariables = ['id', 'name', 'phone', 'email', 'birthday', 'timezone', 'region', 'facts'] as const;

/** The coupon an earlier step issued (engine/nodes/define.ts IssuedCoupon, plus `expiresOn`). */
export const couponVariables = ['code', 'campaignId', 'expiresAt', 'expiresOn', 'amount'] as const;

/** Why a variable name is not one of the catalog's, or undefined when it is (or cannot be told). */
export function unknownVariableReason(name: string): 'root' | 'customer' | 'coupon' | undefined {
  const [root, field] = name.split('.');
  if (!(templateVariableRoots as readonly string[]).includes(root!)) return 'root';
  if (root === 'customer' && field !== undefined && !(customerVariables as readonly string[]).includes(field)) return 'customer';
  if (root === 'coupon' && field !== undefined && !(couponVariables as readonly string[]).includes(field)) return 'coupon';
  return undefined;
}
