import { sql } from 'kysely';
import {
  calendarDueEventType,
  festivalDueYear,
  festivalRuleKey,
  formatDay,
  type CustomerEvent,
  type FestivalRule,
  type Journey,
  type NodeRegistry,
} from '../../../engine/index';
import { toLocal } from '../../../engine/time/zoned';
import type { Db } from '../../db/database';
import type { Events } from '../../events/event-log';

export const festivalTriggerType = 'trigger.festival';

/** Customers read and events stored per statement: a festival enrols every customer, a page at a time. */
const PAGE = 1000;

/** The distinct rules of the live journeys' festival triggers, by key. */
export function liveFestivalRules(published: { journey: Journey; status: string }[], registry: NodeRegistry): Map<string, FestivalRule> {
  const rules = new Map<string, FestivalRule>();
  for (const { journey, status } of published) {
    if (status !== 'live') continue;
    for (const node of journey.nodes) {
      if (node.type !== festivalTriggerType) continue;
      const def = registry.get(node.type, node.typeVersion);
      if (!def) continue;
      const rule = def.config.parse(node.config) as FestivalRule;
      rules.set(festivalRuleKey(rule), rule);
    }
  }
  return rules;
}

/**
 * The festival part of the calendar job: for each rule due at `asOf` on the shop's clock (the
 * festival's day less `daysBefore`, from the hour `at`), one `calendar.due` event per customer, id
 * `fest:<rule>:<customerId>:<festival year>`, so the hourly runs after the first, and a retry,
 * store nothing new: every customer enters once a year. Customers are read by id in pages.
 */
export async function runFestivalRules(
  deps: { db: Db; events: Pick<Events, 'appendMany'> },
  rules: Map<string, FestivalRule>,
  asOf: Date,
  timeZone: string,
): Promise<{ rule: string; due: number; stored: number }[]> {
  const local = toLocal(asOf.getTime(), timeZone);
  const minutes = local.hour * 60 + local.minute;
  const day = formatDay(local);
  const out: { rule: string; due: number; stored: number }[] = [];
  for (const [key, rule] of rules) {
    const year = festivalDueYear(rule, local, minutes);
    if (year === null) continue;
    let after = '';
    let due = 0;
    let stored = 0;
    for (;;) {
      const rows = (await sql<{ id: string }>`select id from customers where id > ${after} order by id limit ${PAGE}`.execute(deps.db)).rows;
      if (rows.length === 0) break;
      const events: CustomerEvent[] = rows.map((r) => ({
        id: `fest:${key}:${r.id}:${year}`,
        type: calendarDueEventType,
        customerId: r.id,
        occurredAt: asOf.toISOString(),
        data: { rule: key, on: day, year },
      }));
      stored += await deps.events.appendMany(events);
      due += rows.length;
      after = rows[rows.length - 1]!.id;
      if (rows.length < PAGE) break;
    }
    out.push({ rule: key, due, stored });
  }
  return out;
}
