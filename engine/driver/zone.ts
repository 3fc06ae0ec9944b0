import { ownZoneOr } from '../facts/dates';
import type { Customer } from './port';

/**
 * The zone a customer's wall-clock waits use: their own when Intl knows it, else the journey's
 * (the shop's). An unknown zone would make every wall-clock computation throw.
 */
export function customerZone(customer: Customer | undefined, journeyZone: string): string {
  return ownZoneOr(customer?.timezone, journeyZone);
}
