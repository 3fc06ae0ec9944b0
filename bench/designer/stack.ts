import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { configFromEnv, projectRoot } from '../../server/config';
import { createLogger } from '../../server/logger';
import { startHuitou, type Huitou } from '../../server/runtime';
import { quietTemporalSdk } from '../../server/temporal/sdk-logging';

/** A free loopback port for the dev server and its UI (a second instance must not clash with `npm start`). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface DesignerStack {
  huitou: Huitou;
  api<T = any>(path: string, body?: unknown): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
}

/**
 * The product as `npm start` runs it (its own Temporal dev server, the embedded database) serving
 * a fresh production build of the designer, as `npm run build` makes it (unminified on request,
 * for a readable profile).
 */
export async function startDesignerStack(options: { minify?: boolean } = {}): Promise<DesignerStack> {
  quietTemporalSdk();
  const dataDir = mkdtempSync(join(tmpdir(), 'huitou-bench-designer-'));
  const designerDir = join(dataDir, 'designer');
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(projectRoot, 'vite.config.ts'), mode: 'production', logLevel: 'warn', build: { outDir: designerDir, emptyOutDir: true, sourcemap: false, minify: options.minify ?? true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  const config = {
    ...configFromEnv({}),
    port: 0,
    dataDir,
    designerDir,
    taskQueue: 'bench-designer',
    databaseUrl: undefined,
    temporalAddress: undefined,
    temporalPort: await freePort(),
    temporalUiPort: await freePort(),
  };
  const huitou = await startHuitou(config, { log: createLogger(process.env.HUITOU_BENCH_LOG_LEVEL ?? 'warn') });
  return {
    huitou,
    async api(path, body) {
      const res = await fetch(huitou.url! + path, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${huitou.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
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
