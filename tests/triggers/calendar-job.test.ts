import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistry, type Journey } from '../../engine/index';
import { json } from '../../server/db/database';
import { SettingsStore } from '../../server/facts/settings-store';
import { Events } from '../../server/events/event-log';
import { Journeys } from '../../server/journeys/journey-store';
import { runCalendarJob } from '../../server/journeys/triggers/calendar-job';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases';
import { insertFactRows } from '../support/fact-rows';

const registry = createRegistry();

function dateJourney(id: string, config: Record<string, unknown>): Journey {
  return {
    schemaVersion: 1,
    id,
    name: id,
    status: 'draft',
    version: 0,
    nodes: [
      { id: 'trigger', type: 'trigger.date', config },
      { id: 'done', type: 'exit', config: {} },
    ],
    edges: [{ from: 'trigger', port: 'next', to: 'done' }],
    settings: { timezone: 'Asia/Shanghai', reEntry: 'never', priority: 5, exitWhen: [] },
    layout: { positions: {} },
  };
}

describe.each(databaseKinds)('the daily calendar job on %s', (kind) => {
  let t: TestDatabase;
  let journeys: Journeys;
  let deps: Parameters<typeof runCalendarJob>[0];

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    const { db } = t;
    journeys = new Journeys(db);
    const settings = new SettingsStore(db);
    deps = { db, journeys, registry, events: new Events(db), timezone: async () => (await settings.shop()).timezone };
    const customer = (id: string, birthday: string | null, attributes: Record<string, unknown> = {}) => ({
      id,
      name: null,
      phone: null,
      email: null,
      birthday,
      timezone: null,
      region: null,
      tier: null,
      attributes: json(attributes),
      updated_at: new Date(),
    });
    await db
      .insertInto('customers')
      .values([
        customer('bday-today', '1990-03-02'),
        customer('bday-yearless', '03-02'),
        customer('bday-other', '1990-03-03'),
        customer('leap', '2000-02-29'),
        customer('feb-28', '1999-02-28'),
        customer('renewal', null, { renewalDate: '2026-03-09', note: 'x' }),
        customer('renewal-time', null, { renewalDate: '2026-03-08T20:00:00Z' }),
        customer('renewal-late', null, { renewalDate: '2026-03-10' }),
        customer('garbage', '13-45', { renewalDate: 'next week' }),
        customer('anniv', null),
        customer('anniv-first-year', null),
        customer('lapsed', null),
      ])
      .execute();
    const facts = (customerId: string, f: { firstOrderAt: string; lastOrderAt: string }) => ({ customerId, ...f });
    await insertFactRows(db, [
      // 10:00 on 2 March 2024 in Shanghai: its anniversaries are on 2 March.
      facts('anniv', { firstOrderAt: '2024-03-02T02:00:00.000Z', lastOrderAt: '2025-12-01T02:00:00.000Z' }),
      // 1 March 20:00 UTC is already 2 March in Shanghai — of this very year: no anniversary yet.
      facts('anniv-first-year', { firstOrderAt: '2026-03-01T20:00:00.000Z', lastOrderAt: '2026-03-01T20:00:00.000Z' }),
      // Last bought 30 days before 2 March 2026 (31 January, Shanghai).
      facts('lapsed', { firstOrderAt: '2025-06-01T02:00:00.000Z', lastOrderAt: '2026-01-31T15:30:00.000Z' }),
    ]);
    const publish = async (j: Journey) => {
      await journeys.create(j);
      await journeys.publish(j.id);
    };
    await publish(dateJourney('birthday', { date: 'birthday' }));
    await publish(dateJourney('birthday-copy', { date: 'birthday', offsetDays: 0 }));
    await publish(dateJourney('anniversary', { date: 'firstOrderAt' }));
    await publish(dateJourney('lapsed-30', { date: 'lastOrderAt', offsetDays: 30 }));
    await publish(dateJourney('renewal-eve', { date: 'attribute', attribute: 'renewalDate', offsetDays: -7 }));
    await publish(dateJourney('paused', { date: 'birthday', offsetDays: -1 }));
    await journeys.setStatus('paused', 'paused');
  });
  afterAll(() => t?.close());

  const dueEvents = async () =>
    (await t.db.selectFrom('events').select(['customer_id', 'data']).where('type', '=', 'calendar.due').execute())
      .map((e) => `${(e.data as { rule: string }).rule} ${e.customer_id}`)
      .sort();

  it('finds exactly the customers due on the shop’s day, once per rule, and a re-run stores nothing', async () => {
    // 1 March 16:30 UTC is 2 March 00:30 in Shanghai (the shop's zone).
    const summary = await runCalendarJob(deps, new Date('2026-03-01T16:30:00Z'));
    expect(summary.day).toBe('2026-03-02');
    expect(await dueEvents()).toEqual(
      [
        'birthday:0:yearly bday-today',
        'birthday:0:yearly bday-yearless',
        'firstOrderAt:0:yearly anniv',
        'lastOrderAt:30:once lapsed',
        // 9 March − 7 days; 8 March 20:00 UTC is 9 March in Shanghai.
        'attribute:renewalDate:-7:once renewal',
        'attribute:renewalDate:-7:once renewal-time',
      ].sort(),
    );
    expect(summary.rules.map((r) => r.rule).sort()).toEqual([
      'attribute:renewalDate:-7:once',
      'birthday:0:yearly',
      'firstOrderAt:0:yearly',
      'lastOrderAt:30:once',
    ]);
    expect(summary).toMatchObject({ due: 6, stored: 6 });
    const ids = await t.db.selectFrom('events').select('id').where('type', '=', 'calendar.due').where('customer_id', '=', 'bday-today').execute();
    expect(ids.map((r) => r.id)).toEqual(['cal:birthday:0:yearly:bday-today:2026-03-02']);

    const again = await runCalendarJob(deps, new Date('2026-03-01T17:00:00Z'));
    expect(again).toMatchObject({ day: '2026-03-02', due: 6, stored: 0 });
    expect(await dueEvents()).toHaveLength(6);
  });

  it('29 February birthdays fall on 28 February in a common year, beside the 28th’s own', async () => {
    const summary = await runCalendarJob(deps, new Date('2027-02-28T01:00:00Z'));
    expect(summary.day).toBe('2027-02-28');
    const events = await t.db.selectFrom('events').select(['customer_id', 'data']).where('type', '=', 'calendar.due').execute();
    const rows = events.filter((e) => (e.data as { on: string }).on === '2027-02-28');
    expect(rows.map((r) => r.customer_id).sort()).toEqual(['feb-28', 'leap']);
  });
});
