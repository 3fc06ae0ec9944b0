import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nanoid } from 'nanoid';
import { inject } from 'vitest';
import { configFromEnv, type Config } from '../../server/config';
import { createLogger, type Logger } from '../../server/logger';
import { startHuitou, type Huitou } from '../../server/runtime';
import { connectTemporal } from '../../server/temporal/connect';
import { quietTemporalSdk } from '../../server/temporal/sdk-logging';

export interface Stack {
  baseUrl: string;
  token: string;
  huitou: Huitou;
  taskQueue: string;
  /** Calls the API with the token; parses JSON. */
  api<T = any>(path: string, init?: { method?: string; body?: unknown; token?: string | null }): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
}

/**
 * The whole product as `npm start` runs it — HTTP server, event router, worker, a real database —
 * against the run's shared Temporal dev server, on its own task queue and data folder.
 */
export async function startStack(overrides: Partial<Config> = {}, options: { log?: Logger } = {}): Promise<Stack> {
  quietTemporalSdk();
  const log = options.log ?? createLogger(process.env.HUITOU_TEST_LOG_LEVEL ?? 'warn');
  const temporal = await connectTemporal({
    address: inject('temporalAddress'),
    namespace: 'default',
    dbFile: '',
    cacheDir: '',
    port: 0,
    uiPort: 0,
    log,
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'huitou-test-'));
  const taskQueue = `test-${nanoid(8)}`;
  const config: Config = { ...configFromEnv({}), port: 0, dataDir, taskQueue, ...overrides };
  const huitou = await startHuitou(config, { temporal, log, workflowBundle: { codePath: inject('workflowBundlePath') } });
  const baseUrl = huitou.url!;
  return {
    baseUrl,
    token: huitou.token,
    huitou,
    taskQueue,
    async api(path, init = {}) {
      const token = init.token === undefined ? huitou.token : init.token;
      const res = await fetch(baseUrl + path, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    async stop() {
      await huitou.stop();
      await temporal.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
