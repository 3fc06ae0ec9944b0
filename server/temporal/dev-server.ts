import { spawn } from 'node:child_process';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { EphemeralServerExecutable } from '@temporalio/testing/lib/ephemeral-server';
import { listening } from './listening';

/** One run of the embedded Temporal dev server. */
export interface DevServerRun {
  /** The operating system's process id, when this process spawned it. */
  pid: number | undefined;
  /** Settles when the server is gone, with how it ended (no data of any shop in it). */
  exited: Promise<string>;
  /** Stops it and waits until it is gone. */
  stop(): Promise<void>;
}

export interface DevServerOptions {
  executable: EphemeralServerExecutable;
  /** The SQLite state file: every run opens the same one, so waiting journeys survive a restart. */
  dbFile: string;
  port: number;
  uiPort: number;
}

const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;

/**
 * Starts the dev server and resolves once it accepts connections. From a binary on disk (the
 * usual case) it is our own child process, so its exit is seen at once; from the SDK's download
 * it runs inside the SDK, and its exit is seen by its port going quiet.
 */
export function startDevServer(options: DevServerOptions): Promise<DevServerRun> {
  return options.executable.type === 'existing-path' ? spawnDevServer(options.executable.path, options) : sdkDevServer(options);
}

async function spawnDevServer(path: string, options: DevServerOptions): Promise<DevServerRun> {
  // The same arguments the SDK passes to the CLI's dev server.
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port), '--namespace', 'default'];
  args.push('--db-filename', options.dbFile, '--ui-port', String(options.uiPort));
  args.push('--log-format', 'pretty', '--log-level', 'error', '--dynamic-config-value', 'frontend.enableServerVersionCheck=false');
  // Its own process group: a Ctrl-C in the terminal reaches Huitou, which stops the server in
  // order, rather than killing the server under it (which would read as a crash).
  const child = spawn(path, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ? `killed by ${signal}` : `exit code ${code}`));
    child.once('error', (e) => resolve(`could not run: ${e.message}`));
  });
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await listening('127.0.0.1', options.port))) {
    if (gone) throw new Error(`the Temporal dev server stopped before it was ready (${await exited}): ${stderr.trim()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the Temporal dev server did not accept connections on port ${options.port} within 60 s`);
    }
    await sleep(200);
  }
  return {
    pid: child.pid,
    exited,
    async stop() {
      if (gone) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** How often, and how many times in a row, the port must be quiet before the SDK's server counts as gone. */
const PROBE_INTERVAL_MS = 1000;
const QUIET_PROBES = 3;

async function sdkDevServer(options: DevServerOptions): Promise<DevServerRun> {
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: options.executable,
      dbFilename: options.dbFile,
      ip: '127.0.0.1',
      port: options.port,
      ui: true,
      uiPort: options.uiPort,
      log: { format: 'pretty', level: 'error' },
    },
  });
  let stopping = false;
  const exited = (async () => {
    let quiet = 0;
    while (!stopping && quiet < QUIET_PROBES) {
      await sleep(PROBE_INTERVAL_MS);
      quiet = (await listening('127.0.0.1', options.port)) ? 0 : quiet + 1;
    }
    return stopping ? 'stopped' : 'stopped accepting connections';
  })();
  return {
    pid: undefined,
    exited,
    async stop() {
      stopping = true;
      await env.teardown().catch(() => undefined);
      await exited;
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
