import { getVersion, listVersions, type ResponseOf } from '../../../contract/index';
import { call } from './call';

/** `GET /api/journeys/:id/versions` and `/versions/:version` (contract/versions.ts). */
export type VersionListResponse = ResponseOf<typeof listVersions>;
export type VersionResponse = ResponseOf<typeof getVersion>;

export const versionsApi = {
  list: (id: string) => call(listVersions, { params: { id } }),
  get: (id: string, version: number) => call(getVersion, { params: { id, version: String(version) } }),
};
