import { profileOf } from '../customers/customers';

/** A customer row as the audience reads it: `customers` and the `customer_facts` view's document. */
export interface StoredCustomerRow {
  id: string;
  attributes: Record<string, unknown>;
  facts: Record<string, unknown> | null;
  name: string | null;
  phone: string | null;
  email: string | null;
  birthday: string | null;
  timezone: string | null;
  region: string | null;
}

/** The profile a decision sees (as broadcast-page.ts builds it): attributes, id, the fields that are set, and the facts document. */
export function storedCustomer(row: StoredCustomerRow): Record<string, unknown> {
  return { ...profileOf(row), facts: row.facts ?? {} };
}
