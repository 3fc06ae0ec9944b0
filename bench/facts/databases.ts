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
 * machine's PostgreSQL binaries (scripts/lib/test-postgres.mjs): its URL, and how to drop it (and
 * stop a server we started).
 */
export async function freshPostgres(prefix = 'huitou_bench'): Promise<{ url: string; where: string; drop(): Promise<void> }> {
  const server = process.env.DATABASE_URL ? { url: process.env.DATABASE_URL, stop() {} } : await startTestPostgres();
  const name = `${prefix}_${process.pid}_${Date.now()}`;
  const admin = async (q: string) => {
    const c = new pg.Client(server.url);
    await c.connect();
    await c.query(q);
    await c.end();
  };
  await admin(`create database ${name}`);
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    where: `${url.hostname}:${url.port || 5432}/${name}${process.env.DATABASE_URL ? '' : ' (throwaway server)'}`,
    drop: async () => {
      try {
        await admin(`drop database if exists ${name}`);
      } finally {
        server.stop();
      }
    },
  };
}

/** A fresh PostgreSQL database (freshPostgres), opened; gone after close. */
export async function openPostgres(): Promise<BenchDatabase> {
  const fresh = await freshPostgres();
  const db = await openDatabase({ url: fresh.url });
  return {
    kind: 'postgresql',
    db,
    where: fresh.where,
    close: async () => {
      try {
        await db.destroy();
      } finally {
        await fresh.drop();
      }
    },
  };
}
