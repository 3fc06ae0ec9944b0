import { shopSettingsSchema, type ShopSettings } from '../../engine/index';
import type { Db } from '../db/database';

/**
 * The shop's settings (the `settings` row `shop`), with the schema's defaults filling whatever is
 * absent. A stored value that no longer fits the schema is an error worth seeing, not a reason to
 * compute with silently different windows.
 */
export async function loadShopSettings(db: Db): Promise<ShopSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'shop').executeTakeFirst();
  const parsed = shopSettingsSchema.safeParse(row?.value ?? {});
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`).join('; ');
    throw new Error(`the stored shop settings are invalid (${where})`);
  }
  return parsed.data;
}
