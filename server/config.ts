import { totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { DEFAULT_COHORT_SIZE, MAX_COHORT_SIZE } from '../engine/index';
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
  /**
   * Members per cohort at most (HUITOU_COHORT_SIZE, default 1000): customers entering a journey by
   * a bulk entry (a broadcast, a date run, a facts refresh, a bulk enrol) run together in cohort
   * workflows of this size. 0 gives each of them a workflow of their own, as other entries have.
   */
  cohortSize: number;
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
    cohortSize: cohortSizeFromEnv(env.HUITOU_COHORT_SIZE),
    ...channelConfigFromEnv(env),
  };
}

function cohortSizeFromEnv(value: string | undefined): number {
  if (!value) return DEFAULT_COHORT_SIZE;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > MAX_COHORT_SIZE)
    throw new Error(`HUITOU_COHORT_SIZE must be a whole number from 0 to ${MAX_COHORT_SIZE}, not "${value}"`);
  return n;
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
