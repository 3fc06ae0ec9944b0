import { sql } from 'kysely';
import {
  birthdayCalendarOf,
  calendarCandidateMonthDays,
  lunarBirthdayCandidateMonthDays,
  calendarDueEventType,
  calendarRuleKey,
  isCalendarDue,
  localDate,
  type CalendarRule,
  type CustomerEvent,
  type Journey,
  type NodeRegistry,
} from '../../../engine/index';
import type { Db } from '../../db/database';
import type { Events } from '../../events/event-log';
import type { Journeys } from '../journey-store';
import type { CalendarRunSummary } from '../../../workflows/trigger-activities';
import { festivalTriggerType, liveFestivalRules, runFestivalRules } from './festival-job';

export interface CalendarJobDeps {
  db: Db;
  journeys: Pick<Journeys, 'published'>;
  registry: NodeRegistry;
  events: Pick<Events, 'appendMany'>;
  timezone(): Promise<string>;
}

// The run's summary is the calendar workflow's activity result (recorded in history).
export type { CalendarRunSummary };

/** The distinct date rules of the live journeys' date triggers, by key. */
export function liveCalendarRules(published: { journey: Journey; status: string }[], registry: NodeRegistry): Map<string, CalendarRule> {
  const rules = new Map<string, CalendarRule>();
  for (const { journey, status } of published) {
    if (status !== 'live') continue;
    for (const node of journey.nodes) {
      // The festival trigger shares the event type; its rules are festival-job.ts's.
      if (node.type === festivalTriggerType) continue;
      const def = registry.get(node.type, node.typeVersion);
      if (def?.behaviour.kind !== 'trigger' || def.behaviour.eventType(def.config.parse(node.config)) !== calendarDueEventType) continue;
      const rule = def.config.parse(node.config) as CalendarRule;
      rules.set(calendarRuleKey(rule), rule);
    }
  }
  return rules;
}

/**
 * The customers and their stored value of the rule's date, narrowed by SQL to values whose
 * month-day is near the target day (one statement per rule, the same SQL on PGlite and PostgreSQL).
 */
async function candidates(db: Db, rule: CalendarRule, day: string): Promise<{ id: string; value: string | null; calendar?: string | null }[]> {
  const md = sql.join(calendarCandidateMonthDays(rule, day));
  let query;
  switch (rule.date) {
    case 'birthday': {
      // `YYYY-MM-DD` or `MM-DD`: the month-day is the last five characters either way; a 农历
      // birthday (attribute birthdayCalendar "lunar") is matched on the lunar month-days near the day.
      const lunar = sql.join(lunarBirthdayCandidateMonthDays(rule, day));
      query = sql<{ id: string; value: string | null; calendar: string | null }>`select id, birthday as value, calendar from (
        select id, birthday, attributes->>'birthdayCalendar' as calendar from customers where birthday is not null) c
        where (calendar is distinct from 'lunar' and right(birthday, 5) in (${md})) or (calendar = 'lunar' and right(birthday, 5) in (${lunar}))`;
      break;
    }
    case 'firstOrderAt':
    case 'lastOrderAt':
      // ISO instants as the facts document writes them: the month-day follows the year. Read from
      // the stored rows (migration 0008-day-stable-facts), not the view's document, which would be
      // formatted for every customer just to read one field.
      query = sql<{ id: string; value: string | null }>`select customer_id as id, value from (
        select customer_id, to_char(${sql.raw(rule.date === 'firstOrderAt' ? 'first_at' : 'last_at')} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as value
        from customer_fact_rows) f where substr(value, 6, 5) in (${md})`;
      break;
    case 'attribute':
      query = sql<{ id: string; value: string | null }>`select id, value from (
        select id, attributes->>(${rule.attribute ?? ''}::text) as value from customers) c where substr(value, 6, 5) in (${md}) or value in (${md})`;
      break;
  }
  return (await query.execute(db)).rows;
}

/**
 * The calendar job (every hour at :05): for each rule of the live journeys' date triggers, finds
 * the customers it makes due on the shop's day of `asOf` and stores one `calendar.due` event each,
 * id `cal:<rule>:<customerId>:<day>`, so a second run the same day stores nothing new; then the
 * festival triggers due at this hour (festival-job.ts). The event router enrols them like any event.
 */
export async function runCalendarJob(deps: CalendarJobDeps, asOf: Date): Promise<CalendarRunSummary> {
  const timeZone = await deps.timezone();
  const day = localDate(asOf, timeZone);
  const published = await deps.journeys.published();
  const rules = liveCalendarRules(published, deps.registry);
  const summary: CalendarRunSummary = { day, rules: [], due: 0, stored: 0 };
  for (const [key, rule] of rules) {
    const rows = await candidates(deps.db, rule, day);
    // The exact rule is the engine's, so SQL never has to parse dates or agree on 29 February.
    const due = rows.filter((r) => isCalendarDue(rule, r.value, day, timeZone, birthdayCalendarOf(r.calendar)));
    const events: CustomerEvent[] = due.map((r) => ({
      id: `cal:${key}:${r.id}:${day}`,
      type: calendarDueEventType,
      customerId: r.id,
      occurredAt: asOf.toISOString(),
      data: { rule: key, on: day },
    }));
    const stored = await deps.events.appendMany(events);
    summary.rules.push({ rule: key, due: due.length, stored });
    summary.due += due.length;
    summary.stored += stored;
  }
  const festivals = await runFestivalRules(deps, liveFestivalRules(published, deps.registry), asOf, timeZone);
  for (const f of festivals) {
    summary.rules.push(f);
    summary.due += f.due;
    summary.stored += f.stored;
  }
  return summary;
}
