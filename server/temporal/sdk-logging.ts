import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';

let installed = false;

/**
 * The Temporal SDK logs worker life-cycle at INFO by default; keep it to warnings and errors. It also
 * stops workers on SIGINT/SIGTERM by itself; Huitou shuts down its parts in order instead.
 */
export function quietTemporalSdk(level: LogLevel = 'WARN'): void {
  if (installed) return;
  installed = true;
  Runtime.install({ logger: new DefaultLogger(level), shutdownSignals: [] });
}
