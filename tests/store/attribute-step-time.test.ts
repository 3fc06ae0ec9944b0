import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerMutations } from '../../server/worker/customer-mutations';
import { storeAndApply } from '../../server/events/event-effects';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases';

// A journey's attribute.set step writes as of the moment it runs, so it takes part in the
// time order of events: an older event arriving later does not overwrite it, a newer one does.

describe.each(databaseKinds)('attribute.set records its time on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => void (t = await openTestDatabase(kind)));
  afterAll(() => t?.close());

  const attributes = async (id: string) =>
    (await t.db.selectFrom('customers').select('attributes').where('id', '=', id).executeTakeFirstOrThrow()).attributes as Record<string, unknown>;
  const update = (id: string, customerId: string, at: Date, attrs: Record<string, unknown>) =>
    storeAndApply(t.db, { id, type: 'customer.updated', customerId, occurredAt: at.toISOString(), data: { attributes: attrs } });

  it('an event dated before the step leaves the value the step set; one dated after replaces it', async () => {
    const mutations = customerMutations(t.db);
    const before = new Date(Date.now() - 60 * 60_000);
    await mutations.setAttribute('c-attr', 'segment', 'vip-care', 'journey:j:c-attr/run/set-segment/1');
    await mutations.setAttribute('c-attr', 'note', 'from the step', 'journey:j:c-attr/run/set-note/1');

    // Sent an hour ago, arriving now: older than what the step set.
    await update('e-attr-old', 'c-attr', before, { segment: 'ordinary', region_code: 'ZJ' });
    expect(await attributes('c-attr')).toEqual({ segment: 'vip-care', note: 'from the step', region_code: 'ZJ' });

    // Dated after the step: it wins.
    await update('e-attr-new', 'c-attr', new Date(Date.now() + 1_000), { note: 'from the shop' });
    expect(await attributes('c-attr')).toEqual({ segment: 'vip-care', note: 'from the shop', region_code: 'ZJ' });
  });
});
