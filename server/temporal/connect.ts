import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { Logger } from '../logger';
import { serverExecutable } from './binaries';
import { startDevServer } from './dev-server';
import { listening } from './listening';
import { DevServerSupervisor, type EmbeddedServerState } from './supervisor';

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
  /** The embedded server's supervision, when this process started it. */
  embedded?: { state(): EmbeddedServerState; restarts(): number; pid(): number | undefined } | undefined;
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
  const supervisor = await DevServerSupervisor.start({
    start: () => startDevServer({ executable, dbFile: options.dbFile, port: options.port, uiPort: options.uiPort }),
    log: options.log,
  });
  // Connections made to the port, not to one run of the server: after a restart on the same port
  // the client and the worker's connection carry on.
  let connection: Connection;
  let workerConnection: NativeConnection;
  try {
    connection = await Connection.connect({ address: local });
    workerConnection = await NativeConnection.connect({ address: local });
  } catch (e) {
    await supervisor.stop();
    throw e;
  }
  return {
    address: local,
    // The embedded dev server serves the `default` namespace.
    namespace: 'default',
    uiUrl: `http://127.0.0.1:${options.uiPort}`,
    client: new Client({ connection, namespace: 'default' }),
    workerConnection,
    started: true,
    embedded: { state: () => supervisor.state, restarts: () => supervisor.restarts, pid: () => supervisor.pid },
    close: async () => {
      await workerConnection.close().catch(() => undefined);
      await connection.close().catch(() => undefined);
      await supervisor.stop();
    },
  };
}
