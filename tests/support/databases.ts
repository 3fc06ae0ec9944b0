import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nanoid } from 'nanoid';
import pg from 'pg';
import { openDatabase, type Db } from '../../server/db/database';

/** A new, empty database on the run's PostgreSQL server (started by `npm test`). */
export async function freshPostgresUrl(): Promise<string> {
  const admin = process.env.HUITOU_TEST_DATABASE_URL;
  if (!admin) throw new Error('HUITOU_TEST_DATABASE_URL is not set: run the tests with `npm test`, which starts PostgreSQL');
  const name = `huitou_${nanoid(10)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '_')}`;
  const client = new pg.Client(admin);
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

export interface TestDatabase {
  kind: 'embedded' | 'postgresql';
  db: Db;
  close(): Promise<void>;
}

/** Both databases Huitou runs on: the same schema, migrations and queries must hold on each. */
export const databaseKinds = ['embedded', 'postgresql'] as const;

export async function openTestDatabase(kind: TestDatabase['kind']): Promise<TestDatabase> {
  if (kind === 'postgresql') {
    const db = await openDatabase({ url: await freshPostgresUrl() });
    return { kind, db, close: () => db.destroy() };
  }
  const dir = mkdtempSync(join(tmpdir(), 'huitou-db-'));
  const db = await openDatabase({ dataDir: dir });
  return {
    kind,
    db,
    close: async () => {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
