import { sql } from 'kysely';
import type { Db } from '../db/database';

/**
 * Runs a routing pass only if no other process is routing: answers false, without running it,
 * when another holds the lock.
 */
export type RoutingLock = (pass: () => Promise<void>) => Promise<boolean>;

/** The advisory lock's key: "huitou routing" as a 64-bit number, fixed for every installation's processes. */
const ROUTING_LOCK_KEY = 0x6875_6974_6f75_72n;

/**
 * One router at a time across API processes on one PostgreSQL: a session advisory lock held on
 * one pooled connection for the pass. Without it every API process read the same unrouted events
 * and routed each of them again (harmless for the journeys — ids are deterministic and workflows
 * drop an event they have seen — but M processes did M times the Temporal calls and facts
 * refreshes, and could interleave one customer's events out of order). A process killed mid-pass
 * loses its connection, and PostgreSQL releases the lock with it. Only for PostgreSQL: the embedded
 * database serves one process through one connection, which the pass itself needs.
 */
export function postgresRoutingLock(db: Db): RoutingLock {
  return (pass) =>
    db.connection().execute(async (connection) => {
      const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${ROUTING_LOCK_KEY}) as locked`.execute(connection);
      if (!rows[0]?.locked) return false;
      try {
        await pass();
      } finally {
        await sql`select pg_advisory_unlock(${ROUTING_LOCK_KEY})`.execute(connection);
      }
      return true;
    });
}
