/**
 * Consent (退订): whether a customer takes marketing messages on a channel. Everyone is
 * `subscribed` until they say otherwise; only marketing messages (a `message.send` step that is not
 * transactional) are held to it — a payment reminder or a shipping notice still goes.
 */
export const consentChannels = ['sms', 'email'] as const;
export type ConsentChannel = (typeof consentChannels)[number];

export const subscriptionStates = ['subscribed', 'unsubscribed'] as const;
export type SubscriptionState = (typeof subscriptionStates)[number];

/**
 * How the state last changed: `reply` (an SMS reply such as 退订 or 订阅), `one-click` (an email
 * client's RFC 8058 one-click unsubscribe), `link` (the unsubscribe page of the link in an email),
 * `import` (a customers CSV column), `api`.
 */
export const subscriptionVias = ['reply', 'one-click', 'link', 'import', 'api'] as const;
export type SubscriptionVia = (typeof subscriptionVias)[number];

/** A customer's state on one channel; `at` and `via` are null for the default (never changed). */
export interface Subscription {
  state: SubscriptionState;
  at: string | null;
  via: SubscriptionVia | null;
}

export const defaultSubscription: Subscription = { state: 'subscribed', at: null, via: null };

export const isConsentChannel = (channel: string): channel is ConsentChannel => (consentChannels as readonly string[]).includes(channel);
