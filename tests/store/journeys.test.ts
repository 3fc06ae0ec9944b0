import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../server/db/database';
import { Events } from '../../server/events/event-log';
import { JourneyExistsError, Journeys } from '../../server/journeys/journey-store';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases';
import { orderEvent, paymentReminder } from '../support/journeys';

describe.each(databaseKinds)('journeys and events on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => void (t = await openTestDatabase(kind)));
  afterAll(() => t?.close());

  it('runs migrations again without change', async () => {
    await expect(migrate(t.db)).resolves.toBeUndefined();
  });

  it('keeps a published version immutable while the draft changes', async () => {
    const journeys = new Journeys(t.db);
    const draft = paymentReminder('PT25M');
    await journeys.create(draft);
    await expect(journeys.create(draft)).rejects.toBeInstanceOf(JourneyExistsError);
    const v1 = await journeys.publish(draft.id);
    expect(v1?.version).toBe(1);
    expect(v1?.journey.status).toBe('live');

    await journeys.update({ ...draft, name: 'renamed draft', status: 'draft', version: 0 });
    const saved = await journeys.get(draft.id);
    // A save keeps the server's status and version: it neither publishes nor unpublishes.
    expect(saved).toMatchObject({ name: 'renamed draft', status: 'live', version: 1 });
    expect((await journeys.version(draft.id, 1))?.name).toBe(draft.name);

    const v2 = await journeys.publish(draft.id);
    expect(v2?.version).toBe(2);
    expect((await journeys.version(draft.id, 2))?.name).toBe('renamed draft');
    expect((await journeys.versions(draft.id)).map((v) => v.version)).toEqual([1, 2]);
    const live = (await journeys.published()).find((p) => p.journey.id === draft.id);
    expect(live?.version).toBe(2);
  });

  it('stores an event once per id and lists it until routed', async () => {
    const events = new Events(t.db);
    const e = orderEvent('order.created', 'c9', 'o9', { amount: 10 });
    expect(await events.append(e)).toBe(true);
    expect(await events.append(e)).toBe(false);
    expect((await events.unrouted(10)).map((x) => x.id)).toContain(e.id);
    await events.markRouted(e.id);
    expect((await events.unrouted(10)).map((x) => x.id)).not.toContain(e.id);
  });
});
