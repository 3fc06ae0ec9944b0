import { totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { channelConfigFromEnv, type ChannelConfig } from './messaging/channels/channel-config';
import { defaultWorkerMemoryMb, MIN_WORKER_MEMORY_MB } from './worker/memory-budget';

export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/** What Huitou runs with, from the environment. Every setting has an embedded default. */
export interface Config extends ChannelConfig {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl?: string | undefined;
  temporalAddress?: string | undefined;
  temporalNamespace: string;
  temporalPort: number;
  temporalUiPort: number;
  taskQueue: string;
  /** `all` (default: server, worker and router in one process), `server`, or `worker`. */
  role: 'all' | 'server' | 'worker';
  designerDir: string;
  binCacheDir: string;
  /**
   * The plugins manifest (docs/plugins.md): `plugins/manifest.json` unless HUITOU_PLUGINS names
   * another; a named one must exist.
   */
  plugins: { manifest: string; required: boolean };
  /**
   * The journey worker's memory budget in MB (HUITOU_WORKER_MEMORY_MB): its workflow cache,
   * concurrency and workflow-thread heap follow from it (server/worker/memory-budget.ts).
   */
  workerMemoryMb: number;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(env.HUITOU_DATA_DIR ?? join(projectRoot, '.huitou'));
  const role = env.HUITOU_ROLE ?? 'all';
  if (role !== 'all' && role !== 'server' && role !== 'worker') throw new Error(`HUITOU_ROLE must be all, server or worker, not "${role}"`);
  return {
    host: env.HUITOU_HOST ?? '127.0.0.1',
    port: Number(env.PORT ?? env.HUITOU_PORT ?? 3000),
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    temporalAddress: env.TEMPORAL_ADDRESS || undefined,
    temporalNamespace: env.TEMPORAL_NAMESPACE ?? 'default',
    temporalPort: Number(env.HUITOU_TEMPORAL_PORT ?? 7233),
    temporalUiPort: Number(env.HUITOU_TEMPORAL_UI_PORT ?? 8233),
    taskQueue: env.HUITOU_TASK_QUEUE ?? 'huitou-journeys',
    role,
    designerDir: join(projectRoot, 'designer', 'dist'),
    binCacheDir: resolve(env.HUITOU_BIN_DIR ?? join(projectRoot, '.huitou', 'bin')),
    plugins: { manifest: resolve(env.HUITOU_PLUGINS || join(projectRoot, 'plugins', 'manifest.json')), required: Boolean(env.HUITOU_PLUGINS) },
    workerMemoryMb: workerMemoryFromEnv(env.HUITOU_WORKER_MEMORY_MB),
    ...channelConfigFromEnv(env),
  };
}

function workerMemoryFromEnv(value: string | undefined): number {
  if (!value) return defaultWorkerMemoryMb(machineMemoryMb());
  const mb = Number(value);
  if (!Number.isInteger(mb) || mb < MIN_WORKER_MEMORY_MB) {
    throw new Error(`HUITOU_WORKER_MEMORY_MB must be a whole number of megabytes, at least ${MIN_WORKER_MEMORY_MB}, not "${value}"`);
  }
  return mb;
}

/** The memory this process may use: the machine's, or its container's limit when that is lower. */
export function machineMemoryMb(): number {
  const total = totalmem();
  const constrained = process.constrainedMemory();
  const bytes = constrained > 0 && constrained < total ? constrained : total;
  return Math.floor(bytes / 2 ** 20);
}
