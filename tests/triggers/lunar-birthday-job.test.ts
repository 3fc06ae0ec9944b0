import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistry, type Journey } from '../../engine/index';
import { Customers } from '../../server/customers/customers';
import { importCsv, type ImportSummary } from '../../server/customers/import/csv-import';
import { customersImport } from '../../server/customers/import/customers';
import { Events } from '../../server/events/event-log';
import { Journeys } from '../../server/journeys/journey-store';
import { runCalendarJob } from '../../server/journeys/triggers/calendar-job';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases';

const text = (csv: string) => Readable.from([Buffer.from(csv)]);

function birthdayJourney(id: string): Journey {
  return {
    schemaVersion: 1,
    id,
    name: id,
    status: 'draft',
    version: 0,
    nodes: [
      { id: 'trigger', type: 'trigger.date', config: { date: 'birthday' } },
      { id: 'done', type: 'exit', config: {} },
    ],
    edges: [{ from: 'trigger', port: 'next', to: 'done' }],
    settings: { timezone: 'Asia/Shanghai', reEntry: 'never', priority: 5, exitWhen: [] },
    layout: { positions: {} },
  };
}

describe.each(databaseKinds)('农历 birthdays from the import to the calendar job on %s', (kind) => {
  let t: TestDatabase;
  let customers: Customers;
  let deps: Parameters<typeof runCalendarJob>[0];

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    customers = new Customers(t.db);
    const journeys = new Journeys(t.db);
    deps = { db: t.db, journeys, registry: createRegistry(), events: new Events(t.db), timezone: async () => 'Asia/Shanghai' };
    await journeys.create(birthdayJourney('birthday'));
    await journeys.publish('birthday');
  });
  afterAll(() => t?.close());

  it('imports birthday_calendar into the profile, 二月三十 only for a lunar birthday, and names a bad value', async () => {
    const csv = [
      'customer_id,name,birthday,birthday_calendar',
      'lunar-mid-autumn,月,1990-08-15,lunar',
      'solar-aug,阳,1990-08-15,solar',
      'solar-sep,秋,1991-09-25,',
      'lunar-feb-30,二,02-30,lunar',
      'solar-feb-30,错,02-30,',
      'bad-calendar,怪,1990-08-15,chinese',
    ].join('\n');
    const result = (await importCsv(text(csv), customersImport(customers))) as ImportSummary;
    expect(result).toMatchObject({ inserted: 4, failed: 2 });
    expect(result.errors.map((e) => [e.line, e.column])).toEqual([
      [6, 'birthday'],
      [7, 'birthday_calendar'],
    ]);
    expect(await customers.profile('lunar-mid-autumn')).toMatchObject({ birthday: '1990-08-15', birthdayCalendar: 'lunar' });
    expect(await customers.profile('solar-aug')).toMatchObject({ birthdayCalendar: 'solar' });
    expect((await customers.profile('solar-sep')).birthdayCalendar).toBeUndefined();
  });

  it('a customer.updated sets it as well', async () => {
    await customers.applyUpdate('lunar-by-event', { birthday: '08-15', birthdayCalendar: 'lunar' });
    expect(await customers.profile('lunar-by-event')).toMatchObject({ birthday: '08-15', birthdayCalendar: 'lunar' });
  });

  const dueOn = async (asOf: string) => {
    const summary = await runCalendarJob(deps, new Date(asOf));
    const rows = await t.db.selectFrom('events').select(['customer_id', 'data']).where('type', '=', 'calendar.due').execute();
    return {
      summary,
      customers: rows
        .filter((r) => (r.data as { on: string }).on === summary.day)
        .map((r) => r.customer_id)
        .sort(),
    };
  };

  it('enrols lunar 八月十五 on 中秋 (25 September 2026, 15 September 2027), Gregorian birthdays on their own day', async () => {
    expect((await dueOn('2026-09-25T01:00:00Z')).customers).toEqual(['lunar-by-event', 'lunar-mid-autumn', 'solar-sep']);
    expect((await dueOn('2026-08-15T01:00:00Z')).customers).toEqual(['solar-aug']);
    expect((await dueOn('2027-09-15T01:00:00Z')).customers).toEqual(['lunar-by-event', 'lunar-mid-autumn']);
    // 二月 2026 has 29 days: 二月三十 is kept on 二月廿九, 16 April 2026.
    expect((await dueOn('2026-04-16T01:00:00Z')).customers).toEqual(['lunar-feb-30']);
  });
});
