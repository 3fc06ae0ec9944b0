import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { configFromEnv, type Config } from '../../server/config';
import { createLogger } from '../../server/logger';
import { startHuitou, type Huitou } from '../../server/runtime';
import { quietTemporalSdk } from '../../server/temporal/sdk-logging';
import { uniqueId } from './journeys';
import { freePort } from './process';

export interface EmbeddedHuitou {
  huitou: Huitou;
  /** Calls the API with the token; parses JSON; a request not answered in `timeoutMs` fails. */
  api<T = any>(path: string, body?: unknown, timeoutMs?: number): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
}

/**
 * Huitou on its embedded defaults, as `npm start` runs it: its own Temporal dev server started
 * through the real connect path (not the run's shared one), on a state file in a temporary folder.
 */
export async function startEmbeddedHuitou(overrides: Partial<Config> = {}): Promise<EmbeddedHuitou> {
  quietTemporalSdk();
  const dataDir = mkdtempSync(join(tmpdir(), 'huitou-embedded-'));
  const start = async () => {
    const [port, temporalPort, temporalUiPort] = [await freePort(), await freePort(), await freePort()];
    const config: Config = { ...configFromEnv({}), port, dataDir, temporalPort, temporalUiPort, taskQueue: uniqueId('embedded-queue'), ...overrides };
    return startHuitou(config, { log: createLogger(process.env.HUITOU_TEST_LOG_LEVEL ?? 'warn'), workflowBundle: { codePath: inject('workflowBundlePath') } });
  };
  // A port found free can be taken before the dev server binds it — the other suites' servers
  // open ports of their own choosing all the time — and then the server exits at once. Such a
  // start is tried again on other ports; any other failure is the test's.
  let huitou: Huitou;
  try {
    huitou = await start();
  } catch (e) {
    if (!(e instanceof Error && e.message.includes('stopped before it was ready'))) throw e;
    huitou = await start();
  }
  const baseUrl = huitou.url!;
  return {
    huitou,
    async api(path, body, timeoutMs = 60_000) {
      const res = await fetch(baseUrl + path, {
        method: body === undefined && !/\/(publish|pause|stop)$/.test(path) ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${huitou.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    async stop() {
      try {
        await huitou.stop();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
