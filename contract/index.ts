import type { Endpoint } from './endpoint';
import { tagEndpoints } from './tags';
import { versionEndpoints } from './versions';

export * from './endpoint';
export * from './common';
export * from './errors';
export * from './tags';
export * from './versions';

/** Every endpoint of the API: the server refuses to start unless it registers each, and nothing else under /api. */
export const endpoints: readonly Endpoint[] = [...tagEndpoints, ...versionEndpoints];
