import { join } from 'node:path';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { connectTemporal, type TemporalHandle } from '../temporal/connect';

/** Temporal as the configuration says: the given address, else the embedded dev server in the data folder. */
export function connectConfiguredTemporal(config: Config, log: Logger): Promise<TemporalHandle> {
  return connectTemporal({
    address: config.temporalAddress,
    namespace: config.temporalNamespace,
    dbFile: join(config.dataDir, 'temporal.db'),
    cacheDir: config.binCacheDir,
    port: config.temporalPort,
    uiPort: config.temporalUiPort,
    log,
  });
}
