import type { z } from 'zod';
import { defaultShopSettings, shopSettingsSchema, type FactPopulation, type ShopSettings } from '../../engine/index';
import type { Db } from '../db/database';
import { json } from '../db/database';

/** The population boundaries of the last bulk refresh, and the moment they describe. */
export interface StoredPopulation {
  population: FactPopulation;
  asOf: string;
  computedAt: string;
}

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
    return this.cached('shop', async () => {
      const stored = await this.read('shop');
      if (stored === undefined) return defaultShopSettings;
      // Stored settings were valid when written; parsing again fills defaults added since.
      const parsed = shopSettingsSchema.safeParse(stored);
      return parsed.success ? parsed.data : defaultShopSettings;
    });
  }

  /** Validates and stores the whole settings document; absent fields take their defaults. */
  async putShop(input: unknown): Promise<ShopSettings> {
    const parsed = shopSettingsSchema.safeParse(input);
    if (!parsed.success) throw new InvalidSettingsError(parsed.error.issues);
    await this.write('shop', parsed.data);
    return parsed.data;
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

  private async read(key: string): Promise<unknown> {
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
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
