import type { ActionServices, CouponService, CustomerMutations, HttpService } from '../../engine/index';
import type { Db } from '../db/database';
import { announcingChanges } from './announce-changes';
import { customerMutations } from './customer-mutations';

export interface ActionServiceParts {
  coupons: CouponService;
  http: HttpService;
}

/**
 * The services action nodes use besides the outbox, built once per worker. Each part lives in its
 * own module; this only puts them together.
 */
export function createActionServices(
  db: Db,
  parts: ActionServiceParts,
  options: { afterCustomerChange?: (customerId: string) => Promise<void> } = {},
): Omit<ActionServices, 'dispatchMessage'> {
  const plain: CustomerMutations = customerMutations(db);
  const customers = options.afterCustomerChange ? announcingChanges(plain, options.afterCustomerChange) : plain;
  return { customers, coupons: parts.coupons, http: parts.http };
}
