import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode } from '@temporalio/worker';
import { configFromEnv, type Config } from '../../server/config';
import { createLogger } from '../../server/logger';
import { startHuitou, type Huitou } from '../../server/runtime';
import { benchApi, freePort } from '../stack-support';
import { connectTemporal, type TemporalHandle } from '../../server/temporal/connect';
import { quietTemporalSdk } from '../../server/temporal/sdk-logging';

export interface BenchStack {
  huitou: Huitou;
  temporal: TemporalHandle;
  config: Config;
  /** Calls the API with the admin token; parses JSON. */
  api<T = any>(path: string, body?: unknown): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
}

const noop = () => undefined;

/**
 * Huitou as `npm start` runs it with no TEMPORAL_ADDRESS and no DATABASE_URL: a Temporal CLI dev
 * server started by connectTemporal (the binary server/temporal/binaries.ts finds, SQLite file in a
 * temporary folder), the embedded database, the worker, the router and the HTTP server, in this
 * process. The worker's bundle is the product's workflows plus the bench's bare baseline.
 */
export async function startBenchStack(overrides: Partial<Config> = {}): Promise<BenchStack> {
  quietTemporalSdk();
  const log = createLogger(process.env.HUITOU_BENCH_LOG_LEVEL ?? 'warn');
  const dataDir = mkdtempSync(join(tmpdir(), 'huitou-bench-journeys-'));
  const base = configFromEnv({});
  const temporal = await connectTemporal({
    address: undefined,
    namespace: 'default',
    dbFile: join(dataDir, 'temporal.db'),
    cacheDir: base.binCacheDir,
    port: await freePort(),
    uiPort: await freePort(),
    log,
  });
  try {
    const bundle = await bundleWorkflowCode({
      workflowsPath: fileURLToPath(new URL('./workflows.ts', import.meta.url)),
      // As server/worker/journey-worker.ts bundles the product's workflows.
      logger: { trace: noop, debug: noop, info: noop, log: noop, warn: console.warn, error: console.error },
    });
    const config: Config = { ...base, port: 0, dataDir, taskQueue: 'bench-journeys', databaseUrl: undefined, ...overrides };
    const huitou = await startHuitou(config, { temporal, log, workflowBundle: bundle });
    return {
      huitou,
      temporal,
      config,
      api: benchApi(huitou),
      async stop() {
        try {
          await huitou.stop();
        } finally {
          await temporal.close();
          rmSync(dataDir, { recursive: true, force: true });
        }
      },
    };
  } catch (e) {
    await temporal.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
}
