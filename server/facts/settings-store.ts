import type { z } from 'zod';
import { sql } from 'kysely';
import { changedPaths, defaultShopSettings, shopSettingsSchema, type FactPopulation, type ShopSettings } from '../../engine/index';
import type { Db } from '../db/database';
import { json } from '../db/database';
import { recordSettingsChange, SETTINGS_WRITE_LOCK, type SettingsActor } from './settings-changes';

/** The population boundaries of the last bulk refresh, and the moment they describe. */
export interface StoredPopulation {
  population: FactPopulation;
  asOf: string;
  computedAt: string;
}

/** Who a write not made through the API is recorded as (a script, a test's setup). */
export const operatorActor: SettingsActor = { tokenId: null, name: 'operator', role: 'admin' };

export class InvalidSettingsError extends Error {
  constructor(readonly issues: z.core.$ZodIssue[]) {
    super('invalid shop settings');
  }
}

/**
 * The shop's CRM settings (`settings` key `shop`) and the population boundaries the last refresh
 * computed (key `population`). Every fact computation reads both, so they are cached in memory for
 * a few seconds; a write through this store clears the cache at once, and other processes (a
 * separate worker) see it when their few seconds are up.
 */
export class SettingsStore {
  private cache = new Map<string, { value: unknown; until: number }>();

  constructor(
    private readonly db: Db,
    private readonly ttlMs = 5_000,
  ) {}

  async shop(): Promise<ShopSettings> {
    return this.cached('shop', async () => this.storedShop(this.db));
  }

  /** Checks settings as a write would, without storing them: the parsed document (defaults filled in). */
  parseShop(input: unknown): ShopSettings {
    const parsed = shopSettingsSchema.safeParse(input);
    if (!parsed.success) throw new InvalidSettingsError(parsed.error.issues);
    return parsed.data;
  }

  /**
   * Validates and stores the whole settings document (absent fields take their defaults) and, in
   * the same transaction, records the change in the log (who, before, after, the paths that
   * differ). A document equal to the stored one is neither written nor logged.
   */
  async putShop(input: unknown, actor: SettingsActor = operatorActor): Promise<{ settings: ShopSettings; paths: string[] }> {
    const after = this.parseShop(input);
    return this.updateShop(() => after, actor);
  }

  /**
   * Like putShop, with the document made from the stored one by `change` while the write lock is
   * held: two writers editing parts of the settings (two rules saved at once) each start from the
   * other's result, and neither write is lost. What `change` throws aborts the write.
   */
  async updateShop(change: (current: ShopSettings) => unknown, actor: SettingsActor = operatorActor): Promise<{ settings: ShopSettings; paths: string[] }> {
    const result = await this.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${SETTINGS_WRITE_LOCK})`.execute(trx);
      const before = await this.storedShop(trx);
      const after = this.parseShop(change(before));
      const differ = changedPaths(before, after);
      if (differ.length === 0) return { settings: after, paths: differ };
      await this.write('shop', after, trx);
      await recordSettingsChange(trx, { actor, before, after, paths: differ });
      return { settings: after, paths: differ };
    });
    this.cache.delete('shop');
    return result;
  }

  private async storedShop(db: Db): Promise<ShopSettings> {
    const stored = await this.read('shop', db);
    if (stored === undefined) return defaultShopSettings;
    // Stored settings were valid when written; parsing again fills defaults added since.
    const parsed = shopSettingsSchema.safeParse(stored);
    return parsed.success ? parsed.data : defaultShopSettings;
  }

  async population(): Promise<StoredPopulation | null> {
    return this.cached('population', async () => ((await this.read('population')) as StoredPopulation | undefined) ?? null);
  }

  async putPopulation(value: StoredPopulation, db: Db = this.db): Promise<void> {
    await this.write('population', value, db);
  }

  /** Forgets cached values, e.g. after a transaction that wrote through another handle committed. */
  invalidate(): void {
    this.cache.clear();
  }

  private async cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.cache.get(key);
    if (hit && hit.until > Date.now()) return hit.value as T;
    const value = await load();
    this.cache.set(key, { value, until: Date.now() + this.ttlMs });
    return value;
  }

  private async read(key: string, db: Db = this.db): Promise<unknown> {
    const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value;
  }

  private async write(key: string, value: unknown, db: Db = this.db): Promise<void> {
    await db
      .insertInto('settings')
      .values({ key, value: json(value), updated_at: new Date() })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: json(value), updated_at: new Date() }))
      .execute();
    this.cache.delete(key);
  }
}
