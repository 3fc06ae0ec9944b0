import type { z } from 'zod';
import { analyzeJourney, getCustomer, journeyStats, listCustomersEndpoint, simulate, type customerRowSchema, type ResponseOf } from '../../../contract/index';
import type { Journey } from '../../../engine/journey/schema';
import { call } from '../api/call';
import type { SimulationRequest } from './request';

/** The calls the simulate panel and the publish dialog make (contract/simulate.ts, analysis.ts, customers.ts). */

export type CustomerRow = z.infer<typeof customerRowSchema>;
export type CustomerDetail = ResponseOf<typeof getCustomer>;

export const simulateApi = {
  simulate: (body: SimulationRequest) => call(simulate, { body }),
  analyze: (journey: Journey) => call(analyzeJourney, { body: journey }),
  customers: (limit = 200) => call(listCustomersEndpoint, { query: { limit } }),
  customer: (id: string) => call(getCustomer, { params: { id } }),
  /** Live figures per node, all versions: `waiting` sums to the customers inside now. */
  stats: (journeyId: string) => call(journeyStats, { params: { id: journeyId } }),
};
