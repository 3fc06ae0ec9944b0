import type { PGlite } from '@electric-sql/pglite';

/**
 * Presents one embedded PGlite instance as the `pg` pool Kysely's PostgresDialect expects, so the
 * embedded default and a PostgreSQL server run the same queries through the same dialect.
 * PGlite has a single connection: `connect()` hands it out to one holder at a time, which keeps a
 * transaction's statements together.
 */
export function pglitePool(db: PGlite) {
  let tail: Promise<void> = Promise.resolve();

  const client = {
    async query(sql: string, parameters: readonly unknown[]) {
      const result = await db.query<Record<string, unknown>>(sql, parameters as unknown[]);
      return { command: commandOf(sql), rowCount: result.affectedRows ?? result.rows.length, rows: result.rows };
    },
  };

  return {
    async connect() {
      let release!: () => void;
      const previous = tail;
      tail = new Promise<void>((resolve) => (release = resolve));
      await previous;
      return { ...client, release };
    },
    async end() {
      await tail;
      await db.close();
    },
  };
}

function commandOf(sql: string): string {
  return sql.trimStart().split(/\s+/, 1)[0]!.toUpperCase();
}
