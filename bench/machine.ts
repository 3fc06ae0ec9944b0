// What every bench of the CRM workspace and the audience reports beside its figures, and how it
// reads its sizes and databases from the environment.
import { cpus, loadavg, totalmem } from 'node:os';
import type { DatabaseKind } from './facts/databases';

/** The load averages over 1, 5 and 15 minutes: a busy machine's seconds say less. */
export const loadAverage = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

/** The machine a bench runs on, and its load as it starts. */
export function machineFigure(): string {
  const cpu = cpus();
  return `${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, load average ${loadAverage()} at start`;
}

/** A whole number above 0 from the environment (`1_000_000` and `1,000,000` read as one million), or the fallback. */
export function wholeFromEnv(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const v = Number(value.replace(/[_,]/g, ''));
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a whole number above 0, not "${value}"`);
  return v;
}

/** The databases BENCH_DATABASES names (comma-separated), else the fallback's. */
export function databasesWanted(fallback: string): DatabaseKind[] {
  const list = (process.env.BENCH_DATABASES ?? fallback).split(',').map((s) => s.trim());
  for (const kind of list) if (kind !== 'embedded' && kind !== 'postgresql') throw new Error(`BENCH_DATABASES: "${kind}" is neither embedded nor postgresql`);
  return list as DatabaseKind[];
}

/** Runs each database's part in turn; one that fails is a figure, and the next still runs. */
export async function perDatabase(kinds: DatabaseKind[], figures: Record<string, string>, run: (kind: DatabaseKind) => Promise<void>): Promise<void> {
  for (const kind of kinds) {
    try {
      await run(kind);
    } catch (error) {
      figures[`${kind}: failed`] = error instanceof Error ? error.message : String(error);
      console.error(`[bench] ${kind}: failed: ${figures[`${kind}: failed`]}`);
    }
  }
}
