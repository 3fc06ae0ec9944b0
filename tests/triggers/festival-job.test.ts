import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistry, type Journey } from '../../engine/index';
import { json } from '../../server/db/database';
import { Events } from '../../server/events/event-log';
import { Journeys } from '../../server/journeys/journey-store';
import { runCalendarJob } from '../../server/journeys/triggers/calendar-job';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases';

const registry = createRegistry();

function festivalJourney(id: string, config: Record<string, unknown>): Journey {
  return {
    schemaVersion: 1,
    id,
    name: id,
    status: 'draft',
    version: 0,
    nodes: [
      { id: 'trigger', type: 'trigger.festival', config },
      { id: 'done', type: 'exit', config: {} },
    ],
    edges: [{ from: 'trigger', port: 'next', to: 'done' }],
    settings: { timezone: 'Asia/Shanghai', reEntry: 'never', priority: 5, exitWhen: [] },
    layout: { positions: {} },
  };
}

describe.each(databaseKinds)('festival triggers in the calendar job on %s', (kind) => {
  let t: TestDatabase;
  let deps: Parameters<typeof runCalendarJob>[0];

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    const { db } = t;
    const journeys = new Journeys(db);
    deps = { db, journeys, registry, events: new Events(db), timezone: async () => 'Asia/Shanghai' };
    const customer = (id: string) => ({
      id,
      name: null,
      phone: null,
      email: null,
      birthday: null,
      timezone: null,
      region: null,
      tier: null,
      attributes: json({}),
      updated_at: new Date(),
    });
    await db.insertInto('customers').values(['f1', 'f2', 'f3'].map(customer)).execute();
    const publish = async (j: Journey) => {
      await journeys.create(j);
      await journeys.publish(j.id);
    };
    // 春节 2027 is 6 February: three days before is 3 February, at 10:00 Shanghai.
    await publish(festivalJourney('spring-eve', { festival: 'spring-festival', daysBefore: 3, at: '10:00' }));
    await publish(festivalJourney('double-11', { festival: 'double-11', at: '20:00' }));
    // A date trigger beside them keeps its own rules.
    await publish({
      ...festivalJourney('birthday', {}),
      nodes: [
        { id: 'trigger', type: 'trigger.date', config: { date: 'birthday' } },
        { id: 'done', type: 'exit', config: {} },
      ],
    });
  });
  afterAll(() => t?.close());

  const festivalEvents = async () =>
    (await t.db.selectFrom('events').select(['id', 'data']).where('type', '=', 'calendar.due').where('id', 'like', 'fest:%').execute()).map((e) => e.id).sort();

  it('enrols nobody before the hour, everyone from it, once a year however often it runs', async () => {
    // 3 February 2027 09:05 Shanghai (01:05 UTC): the day, not yet the hour.
    const early = await runCalendarJob(deps, new Date('2027-02-03T01:05:00Z'));
    expect(early.rules.filter((r) => r.rule.startsWith('festival:'))).toEqual([]);
    expect(await festivalEvents()).toEqual([]);

    const onTime = await runCalendarJob(deps, new Date('2027-02-03T02:05:00Z'));
    expect(onTime.rules.filter((r) => r.rule.startsWith('festival:'))).toEqual([{ rule: 'festival:spring-festival:3:10:00', due: 3, stored: 3 }]);
    expect(await festivalEvents()).toEqual(['f1', 'f2', 'f3'].map((c) => `fest:festival:spring-festival:3:10:00:${c}:2027`));

    // The next hour's run stores nothing new.
    const later = await runCalendarJob(deps, new Date('2027-02-03T03:05:00Z'));
    expect(later.rules.filter((r) => r.rule.startsWith('festival:'))).toEqual([{ rule: 'festival:spring-festival:3:10:00', due: 3, stored: 0 }]);
    // The day after, the rule is not due.
    const after = await runCalendarJob(deps, new Date('2027-02-04T03:05:00Z'));
    expect(after.rules.filter((r) => r.rule.startsWith('festival:'))).toEqual([]);
  });

  it('a shopping day at 20:00 on 11 November, its data naming the rule, the day and the year', async () => {
    await runCalendarJob(deps, new Date('2026-11-11T12:05:00Z'));
    const rows = await t.db.selectFrom('events').select(['id', 'data', 'customer_id']).where('id', 'like', 'fest:festival:double-11%').execute();
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.customer_id === 'f1')!.data).toEqual({ rule: 'festival:double-11:0:20:00', on: '2026-11-11', year: 2026 });
  });
});
