import {
  addCustomerTag,
  countCustomersEndpoint,
  getCustomer,
  getCustomerActivity,
  listCustomersEndpoint,
  removeCustomerTag,
  type ResponseOf,
} from '../../../contract/index';
import { call } from '../api/call';
import type { Filters } from './filters';

/** The customers API (contract/customers.ts, contract/customer-activity.ts). */
export type CustomerPage = ResponseOf<typeof listCustomersEndpoint>;
export type CustomerRow = CustomerPage['customers'][number];
export type CustomerCount = ResponseOf<typeof countCustomersEndpoint>;
export type CustomerDetail = ResponseOf<typeof getCustomer>;
export type CustomerActivity = ResponseOf<typeof getCustomerActivity>;

export const fetchCustomerPage = (filters: Filters, cursor: string | undefined, limit: number) =>
  call(listCustomersEndpoint, { query: { ...filters, limit, ...(cursor ? { cursor } : {}) } as never });
export const fetchCustomerCount = (filters: Filters) => call(countCustomersEndpoint, { query: filters as never });
export const fetchCustomer = (id: string) => call(getCustomer, { params: { id } });
export const fetchCustomerActivity = (id: string) => call(getCustomerActivity, { params: { id }, query: { limit: 20 } });
export const addTag = (id: string, tag: string) => call(addCustomerTag, { params: { id, tag } });
export const removeTag = (id: string, tag: string) => call(removeCustomerTag, { params: { id, tag } });
