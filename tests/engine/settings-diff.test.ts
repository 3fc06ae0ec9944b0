import { describe, expect, it } from 'vitest';
import { changedPaths, defaultShopSettings, movesCustomers, settingsProblems, shopSettingsSchema } from '../../engine/index';

describe('settings changes', () => {
  it('names the dotted paths that differ, down to the leaves, and none for equal documents', () => {
    const after = structuredClone(defaultShopSettings);
    expect(changedPaths(defaultShopSettings, after)).toEqual([]);
    after.tiers[1]!.minSpend = 500;
    after.tiers[2]!.name = '金卡';
    after.messaging.quietHours = { from: '22:00', to: '08:00', mode: 'hold' };
    expect(changedPaths(defaultShopSettings, after)).toEqual(['messaging.quietHours', 'tiers.1.minSpend', 'tiers.2.name']);
  });

  it('tells changes that move customers (tiers, lifecycle, RFM, tag rules) from the others (names, quiet hours, signature)', () => {
    expect(movesCustomers(['tiers.1.minSpend'])).toBe(true);
    expect(movesCustomers(['lifecycle.mode'])).toBe(true);
    expect(movesCustomers(['rfm.byCategory.面霜'])).toBe(true);
    expect(movesCustomers(['tagRules'])).toBe(true);
    expect(movesCustomers(['tiers.2.name', 'messaging.quietHours', 'sms.signature', 'timezone'])).toBe(false);
  });

  it('keeps documents stored before tier names and the SMS signature valid, with defaults', () => {
    const old = { timezone: 'Asia/Shanghai', tiers: [{ id: 'ordinary', minSpend: 0, minOrders: 0 }], messaging: { quietHours: null } };
    const parsed = shopSettingsSchema.parse(old);
    expect(parsed.sms).toEqual({ signature: null, templates: [], optOutText: '拒收请回复R' });
    expect(parsed.tiers[0]).toEqual({ id: 'ordinary', minSpend: 0, minOrders: 0 });
  });

  it('checks the SMS signature and words the problem in both languages', () => {
    expect(shopSettingsSchema.parse({ sms: { signature: '【回头小店】' } }).sms.signature).toBe('【回头小店】');
    for (const bad of ['回头小店', '【回】', '【一二三四五六七八九十一二三】']) {
      const result = shopSettingsSchema.safeParse({ sms: { signature: bad } });
      expect(result.success).toBe(false);
      const [en] = settingsProblems(result.error!.issues, 'en');
      const [zh] = settingsProblems(result.error!.issues, 'zh-CN');
      expect(en).toEqual({ path: 'sms.signature', code: 'invalid', message: 'sms.signature: must be 2 to 12 characters inside 【】, e.g. 【回头小店】' });
      expect(zh!.message).toBe('sms.signature：应为【】内 2 到 12 个字，例如【回头小店】');
    }
  });
});
