import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { getVersion, listTags, listVersions, type ResponseOf, type shopTagSchema } from '../../contract/index';
import { pathOf, queryOf, type CallInput } from '../../designer/src/api/call';
import type { ShopTag, fetchTags } from '../../designer/src/api/tags';
import type { VersionListResponse, versionsApi } from '../../designer/src/api/versions';

// The designer's client is typed by the contract: its types are the contract's, checked by tsc (npm run typecheck).
describe('the designer client is typed by the contract', () => {
  it('takes its answer types from the contract entries', () => {
    expectTypeOf<ShopTag>().toEqualTypeOf<z.infer<typeof shopTagSchema>>();
    expectTypeOf<ReturnType<typeof fetchTags>>().resolves.toEqualTypeOf<ResponseOf<typeof listTags>>();
    expectTypeOf<VersionListResponse>().toEqualTypeOf<ResponseOf<typeof listVersions>>();
    expectTypeOf<ReturnType<typeof versionsApi.get>>().resolves.toEqualTypeOf<ResponseOf<typeof getVersion>>();
    expectTypeOf<CallInput<typeof getVersion>>().toHaveProperty('params').toEqualTypeOf<{ id: string; version: string }>();
  });

  it('fills path parameters one segment each and leaves undefined query values out', () => {
    expect(pathOf(getVersion, { id: 'a/b c', version: 3 })).toBe('/api/journeys/a%2Fb%20c/versions/3');
    expect(queryOf({ journeyId: 'x&y', customerId: undefined, limit: 100 })).toBe('?journeyId=x%26y&limit=100');
    expect(queryOf({})).toBe('');
  });
});
