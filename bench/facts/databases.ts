import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Db } from '../../server/db/database';

/** scripts/lib/test-postgres.mjs has no types; loaded by URL, with its signature stated here. */
async function startTestPostgres(): Promise<{ url: string; stop(): void }> {
  const module = (await import(new URL('../../scripts/lib/test-postgres.mjs', import.meta.url).href)) as {
    startTestPostgres(): Promise<{ url: string; stop(): void }>;
  };
  return module.startTestPostgres();
}

export type DatabaseKind = 'embedded' | 'postgresql';

export interface BenchDatabase {
  kind: DatabaseKind;
  db: Db;
  /** Where it lives, for the printout (a folder, or the server without credentials). */
  where: string;
  close(): Promise<void>;
}

/** A fresh embedded database in a temporary folder (on disk, as Huitou runs it), removed on close. */
export async function openEmbedded(): Promise<BenchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'huitou-bench-'));
  const db = await openDatabase({ dataDir: dir });
  return {
    kind: 'embedded',
    db,
    where: dir,
    close: async () => {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh database on the server DATABASE_URL names, or else on a throwaway server started from the
 * machine's PostgreSQL binaries (scripts/lib/test-postgres.mjs); the database, and a server we
 * started, are gone after close.
 */
export async function openPostgres(): Promise<BenchDatabase> {
  const server = process.env.DATABASE_URL ? { url: process.env.DATABASE_URL, stop() {} } : await startTestPostgres();
  const name = `huitou_bench_${process.pid}_${Date.now()}`;
  const admin = new pg.Client(server.url);
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString() });
  return {
    kind: 'postgresql',
    db,
    where: `${url.hostname}:${url.port || 5432}/${name}${process.env.DATABASE_URL ? '' : ' (throwaway server)'}`,
    close: async () => {
      await db.destroy();
      try {
        const admin = new pg.Client(server.url);
        await admin.connect();
        await admin.query(`drop database if exists ${name}`);
        await admin.end();
      } finally {
        server.stop();
      }
    },
  };
}
