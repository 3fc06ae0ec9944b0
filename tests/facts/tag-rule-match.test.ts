import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { shopSettingsSchema } from '../../engine/index';
import { countRules, previewRule, ruleMatches } from '../../server/facts/tag-rule-match';
import { databaseKinds, type TestDatabase } from '../support/databases';
import { loadFixture, shopForSuite, type Shop } from './support';
import { syntheticShop, variants } from './synthetic-shop';

// The tag rules API counts and previews a rule with one SQL query per rule (tag-rule-match.ts):
// for every kind it must pick exactly the customers the refresh then tags by that rule.

const withRules = variants.filter(([, s]) => Array.isArray((s as { tagRules?: unknown[] }).tagRules));

describe.each(databaseKinds)('a rule’s live match agrees with the refresh on %s', (kind) => {
  let t: TestDatabase;
  let shop: Shop;
  const fixture = syntheticShop(20260707, 160);
  shopForSuite(kind, (opened) => ({ t, shop } = opened));

  it.each(withRules)('with %s', async (_name, settingsInput) => {
    await loadFixture(shop, { ...fixture, settings: settingsInput });
    const settings = shopSettingsSchema.parse(settingsInput);
    const asOf = new Date('2026-06-30T16:00:00Z');
    await shop.facts.refreshAll(asOf);
    const counts = await countRules(t.db, settings.tagRules, asOf);
    let kinds = 0;
    for (const [i, rule] of settings.tagRules.entries()) {
      const matched = (
        await sql<{ customer_id: string }>`select customer_id from (${ruleMatches(rule, asOf)}) m order by customer_id collate "C"`.execute(t.db)
      ).rows;
      const tagged = (
        await sql<{ customer_id: string }>`select customer_id from customer_tags where source = 'rule' and tag = ${rule.tag}
          order by customer_id collate "C"`.execute(t.db)
      ).rows;
      expect(matched, `${rule.kind} → ${rule.tag}`).toEqual(tagged);
      expect(counts[i]).toBe(tagged.length);
      const preview = await previewRule(t.db, rule, asOf);
      expect(preview.customers).toBe(tagged.length);
      expect(preview.sample.map((s) => s.customerId)).toEqual(tagged.slice(0, 10).map((r) => r.customer_id));
      if (tagged.length > 0) kinds++;
    }
    // Every rule of the variant tags someone, so the comparison is not of empty sets.
    expect(kinds).toBe(settings.tagRules.length);
  });
});
