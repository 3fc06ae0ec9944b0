import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { configFromEnv, projectRoot } from '../../server/config';
import { createLogger } from '../../server/logger';
import { startHuitou, type Huitou } from '../../server/runtime';
import { benchApi, freePort } from '../stack-support';
import { quietTemporalSdk } from '../../server/temporal/sdk-logging';

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
    await build({
      configFile: join(projectRoot, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir: designerDir, emptyOutDir: true, sourcemap: false, minify: options.minify ?? true },
    });
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
    api: benchApi(huitou),
    async stop() {
      try {
        await huitou.stop();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
