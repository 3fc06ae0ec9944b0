import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTags } from '../../server/facts/tag-list';
import { loadFixture, shopOn } from '../facts/support';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases';

// The tag list's SQL (count distinct, array_agg) on both databases Huitou runs on.
describe.each(databaseKinds)('tag list on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => void (t = await openTestDatabase(kind)));
  afterAll(() => t?.close());

  it('counts customers per tag once, whatever the sources, and adds the tag rules’ tags', async () => {
    await loadFixture(shopOn(t.db), { customers: [{ id: 'a', manualTags: ['复购', '敏感肌'] }, { id: 'b', manualTags: ['复购'] }, { id: 'c' }], orders: [] });
    await t.db
      .insertInto('customer_tags')
      .values([
        { customer_id: 'a', tag: '价格敏感', source: 'rule' },
        { customer_id: 'c', tag: '复购', source: 'rule' },
      ])
      .execute();
    expect(
      await listTags(t.db, [
        { kind: 'price-sensitive', tag: '价格敏感', minDiscountPct: 20 },
        { kind: 'bought-product', tag: '面膜控', productIds: ['p1'] },
      ]),
    ).toEqual([
      { tag: '复购', customers: 3, sources: ['manual', 'rule'] },
      { tag: '价格敏感', customers: 1, sources: ['rule'] },
      { tag: '敏感肌', customers: 1, sources: ['manual'] },
      { tag: '面膜控', customers: 0, sources: ['rule'] },
    ]);
  });
});
