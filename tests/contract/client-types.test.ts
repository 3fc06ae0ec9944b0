import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import {
  getKpis,
  getVersion,
  journeyStats,
  listJourneys,
  listTags,
  listVersions,
  postEvents,
  previewTemplate,
  publishJourney,
  type journeyRowSchema,
  type messageSchema,
  type nodeStatsSchema,
  type ResponseOf,
  type shopTagSchema,
} from '../../contract/index';
import { pathOf, queryOf, type CallInput } from '../../designer/src/api/call';
import type { api } from '../../designer/src/api/endpoints';
import type { KpisResponse } from '../../designer/src/api/kpis';
import type { messagingApi } from '../../designer/src/api/messaging';
import type { NodeStats, statsApi } from '../../designer/src/api/stats';
import type { ShopTag, fetchTags } from '../../designer/src/api/tags';
import type { JourneySummary } from '../../designer/src/api/types';
import type { VersionListResponse, versionsApi } from '../../designer/src/api/versions';
import type { EventsAnswer, SentMessage } from '../../designer/src/messages/api';

// The designer's client is typed by the contract: these are checked by tsc (npm run typecheck), so a
// type copied by hand that drifts from its contract entry fails the build.
describe('the designer client is typed by the contract', () => {
  it('takes its answer types from the contract entries', () => {
    expectTypeOf<ShopTag>().toEqualTypeOf<z.infer<typeof shopTagSchema>>();
    expectTypeOf<ReturnType<typeof fetchTags>>().resolves.toEqualTypeOf<ResponseOf<typeof listTags>>();
    expectTypeOf<VersionListResponse>().toEqualTypeOf<ResponseOf<typeof listVersions>>();
    expectTypeOf<ReturnType<typeof versionsApi.get>>().resolves.toEqualTypeOf<ResponseOf<typeof getVersion>>();
    expectTypeOf<JourneySummary>().toEqualTypeOf<z.infer<typeof journeyRowSchema>>();
    expectTypeOf<ReturnType<typeof api.listJourneys>>().resolves.toEqualTypeOf<ResponseOf<typeof listJourneys>>();
    expectTypeOf<ReturnType<typeof api.publish>>().resolves.toEqualTypeOf<ResponseOf<typeof publishJourney>>();
    expectTypeOf<KpisResponse>().toEqualTypeOf<ResponseOf<typeof getKpis>>();
    expectTypeOf<NodeStats>().toEqualTypeOf<z.infer<typeof nodeStatsSchema>>();
    expectTypeOf<ReturnType<typeof statsApi.get>>().resolves.toEqualTypeOf<ResponseOf<typeof journeyStats>>();
    expectTypeOf<SentMessage>().toEqualTypeOf<z.infer<typeof messageSchema>>();
    expectTypeOf<EventsAnswer>().toEqualTypeOf<ResponseOf<typeof postEvents>>();
    expectTypeOf<ReturnType<typeof messagingApi.preview>>().resolves.toEqualTypeOf<ResponseOf<typeof previewTemplate>>();
  });

  it('types what a call sends by its entry', () => {
    expectTypeOf<CallInput<typeof getVersion>>().toHaveProperty('params').toEqualTypeOf<{ id: string; version: string }>();
    // @ts-expect-error a version's path needs both its parameters
    const missing: CallInput<typeof getVersion> = { params: { id: 'x' } };
    expect(missing).toBeDefined();
  });

  it('fills path parameters one segment each and leaves undefined query values out', () => {
    expect(pathOf(getVersion, { id: 'a/b c', version: 3 })).toBe('/api/journeys/a%2Fb%20c/versions/3');
    expect(queryOf({ journeyId: 'x&y', customerId: undefined, limit: 100 })).toBe('?journeyId=x%26y&limit=100');
    expect(queryOf({})).toBe('');
  });
});
