import { createConnection } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection } from '@temporalio/worker';
import type { Logger } from '../logger';
import { serverExecutable } from './binaries';

export interface TemporalHandle {
  address: string;
  namespace: string;
  /** The Temporal Web UI, when we know where it is. */
  uiUrl?: string | undefined;
  client: Client;
  /** For workers (they use the native connection). */
  workerConnection: NativeConnection;
  /** Whether this process started the server (and stops it on close). */
  started: boolean;
  close(): Promise<void>;
}

export interface TemporalOptions {
  /** A Temporal server or cluster to use (TEMPORAL_ADDRESS); absent means the embedded dev server. */
  address?: string | undefined;
  namespace: string;
  /** Where the embedded dev server keeps its SQLite file. */
  dbFile: string;
  /** The project-local binary cache. */
  cacheDir: string;
  port: number;
  uiPort: number;
  log: Logger;
}

/**
 * Connects to Temporal: the given address, else a dev server already listening on the embedded
 * port (a previous `npm start`), else a new Temporal CLI dev server with a persistent SQLite file
 * and the Web UI.
 */
export async function connectTemporal(options: TemporalOptions): Promise<TemporalHandle> {
  const local = `127.0.0.1:${options.port}`;
  const address = options.address ?? ((await listening('127.0.0.1', options.port)) ? local : undefined);
  if (address) {
    const connection = await Connection.connect({ address });
    const workerConnection = await NativeConnection.connect({ address });
    return {
      address,
      namespace: options.namespace,
      uiUrl: address === local ? `http://127.0.0.1:${options.uiPort}` : undefined,
      client: new Client({ connection, namespace: options.namespace }),
      workerConnection,
      started: false,
      close: async () => {
        await workerConnection.close();
        await connection.close();
      },
    };
  }
  const executable = serverExecutable('cli', { cacheDir: options.cacheDir, log: (m) => options.log.info(m) });
  options.log.info({ executable: executable.type === 'existing-path' ? executable.path : 'sdk download' }, 'starting the Temporal dev server');
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable,
      dbFilename: options.dbFile,
      ip: '127.0.0.1',
      port: options.port,
      ui: true,
      uiPort: options.uiPort,
      log: { format: 'pretty', level: 'error' },
    },
  });
  return {
    address: local,
    // The embedded dev server serves the `default` namespace.
    namespace: 'default',
    uiUrl: `http://127.0.0.1:${options.uiPort}`,
    client: env.client,
    workerConnection: env.nativeConnection,
    started: true,
    close: () => env.teardown(),
  };
}

function listening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    socket.setTimeout(500);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
  });
}
