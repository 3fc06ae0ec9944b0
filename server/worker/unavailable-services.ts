import type { ActionServiceParts } from './action-services';

/** Parts not built yet in this process; every call says so. Replaced as the parts land. */
export const unavailableParts: ActionServiceParts = {
  coupons: { issue: () => Promise.reject(new Error('coupons are not available in this process')) },
  http: { postJson: () => Promise.reject(new Error('outbound HTTP is not available in this process')) },
};
