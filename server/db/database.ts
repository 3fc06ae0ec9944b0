import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import pg from 'pg';
import * as initial from './migrations/0001-initial';
import * as customerData from './migrations/0002-customer-data';
import * as messageDelivery from './migrations/0003-message-delivery';
import * as coupons from './migrations/0004-coupons';
import * as factsSnapshot from './migrations/0005-facts-snapshot';
import * as guardrails from './migrations/0006-guardrails';
import * as stepLog from './migrations/0007-step-log';
import * as dayStableFacts from './migrations/0008-day-stable-facts';
import * as factsChanges from './migrations/0009-facts-changes';
import * as customerInputsFunction from './migrations/0010-customer-inputs-function';
import * as sumCents from './migrations/0011-sum-cents';
import * as customerInputsLean from './migrations/0012-customer-inputs-lean';
import * as messageReasons from './migrations/0013-message-reasons';
import * as fieldTimes from './migrations/0014-field-times';
import * as stepRefusals from './migrations/0015-step-refusals';
import * as cohorts from './migrations/0016-cohorts';
import * as settingsChanges from './migrations/0017-settings-changes';
import * as segments from './migrations/0018-segments';
import * as smsProviderAnswers from './migrations/0019-sms-provider-answers';
import * as consent from './migrations/0020-consent';
import * as storedStage from './migrations/0023-stored-stage';
import { pglitePool } from './pglite-pool';
import type { Database } from './schema';

export type Db = Kysely<Database>;

/** Migrations in order; each file has `up` and `down`. Listed, not globbed, so bundles keep them. */
const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-customer-data': customerData,
  '0003-message-delivery': messageDelivery,
  '0004-coupons': coupons,
  '0005-facts-snapshot': factsSnapshot,
  '0006-guardrails': guardrails,
  '0007-step-log': stepLog,
  '0008-day-stable-facts': dayStableFacts,
  '0009-facts-changes': factsChanges,
  '0010-customer-inputs-function': customerInputsFunction,
  '0011-sum-cents': sumCents,
  '0012-customer-inputs-lean': customerInputsLean,
  '0013-message-reasons': messageReasons,
  '0014-field-times': fieldTimes,
  '0015-step-refusals': stepRefusals,
  '0016-cohorts': cohorts,
  '0017-settings-changes': settingsChanges,
  '0018-segments': segments,
  '0019-sms-provider-answers': smsProviderAnswers,
  '0020-consent': consent,
  '0023-stored-stage': storedStage,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export interface DatabaseOptions {
  /** A PostgreSQL URL; when absent, the embedded database is used. */
  url?: string | undefined;
  /** The embedded database's folder; absent means in memory (tests). */
  dataDir?: string | undefined;
}

/**
 * Opens the database and brings its schema up to date. PostgreSQL when a URL is given (at scale),
 * else embedded PGlite: the same PostgreSQL SQL, in-process, zero set-up.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Db> {
  let db: Db;
  if (options.url) {
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: options.url, max: 10 }) }) });
  } else {
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    const lite = await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {});
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: pglitePool(lite) as never }) });
  }
  await migrate(db);
  return db;
}

export async function migrate(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
}

export function json(value: unknown): string {
  return JSON.stringify(value);
}
