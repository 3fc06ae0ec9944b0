import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { customerFactsViewSql } from '../../server/db/migrations/0008-day-stable-facts';

/**
 * A migration's effect is fixed once released: databases migrated then and databases migrated
 * today must end with the same schema. Migration 0008 builds the customer_facts view from its own
 * frozen copy of the definition; this pins the text to the one it was released with (the view of
 * server/facts/facts-view.ts as of commit 303cf6c), so an edit to it fails here rather than
 * silently giving new databases another view.
 */
describe('frozen migrations', () => {
  it('migration 0008 creates the customer_facts view it was released with', () => {
    expect(customerFactsViewSql.length).toBe(24291);
    expect(createHash('sha256').update(customerFactsViewSql).digest('hex')).toBe('023e69d7ba06c63a4a946c5035657a3ca215866992b771985f7833dedd4f1a1f');
  });
});
