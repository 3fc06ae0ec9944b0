import { broadcastDueEventType, decisionFacts, evaluateCondition, type CustomerEvent, type NodeRegistry, type TopLevelCondition } from '../../../engine/index';
import type { Db } from '../../db/database';
import type { Events } from '../../events/event-log';
import type { Journeys } from '../journey-store';
import { profileFields } from '../../customers/customers';
import { selectAudiencePage, sqlAudience } from '../../audience/select-audience-page';
import { storedCustomer } from '../../audience/stored-customer';
import type { BroadcastPageInput, BroadcastPageResult } from '../../../workflows/trigger-activities';

export interface BroadcastPageDeps {
  db: Db;
  journeys: Pick<Journeys, 'version'>;
  registry: NodeRegistry;
  events: Pick<Events, 'appendMany'>;
}

// The page's input and result are the broadcast workflow's activity contract (recorded in history).
export type { BroadcastPageInput, BroadcastPageResult };

/** Rows read per statement, and at most per page, so one activity stays short however selective the audience. */
const READ_BATCH = 500;
const MAX_EXAMINED_PER_PAGE = 5000;
/** Rows one SQL statement examines when the audience compiles: ~20 ms on PostgreSQL, more on the embedded database, whose statements hold its thread. */
const SQL_EXAMINED_PER_PAGE = 20_000;

/**
 * One page of a broadcast: examines customers in id order after the cursor, evaluates the audience
 * on each one's stored facts (the `customer_facts` snapshot and the profile, as decisions see them)
 * with the journeys' own evaluateCondition, and stores one `broadcast.due` event per match, id
 * `bc:<journey>:<version>:<customer>`, so a retried page or a replayed workflow stores each once.
 */
export async function broadcastPage(deps: BroadcastPageDeps, input: BroadcastPageInput): Promise<BroadcastPageResult> {
  const current = await deps.db.selectFrom('journeys').select(['status', 'version']).where('id', '=', input.journeyId).executeTakeFirst();
  if (!current || current.status !== 'live' || current.version !== input.version) {
    return {
      next: null,
      examined: 0,
      matched: 0,
      stored: 0,
      halted: current ? (current.version !== input.version ? 'republished' : current.status) : 'deleted',
    };
  }
  const audience = await audienceOf(deps, input);
  // The segment named when the journey was published is gone: its audience is unknown, so no one is sent to.
  if (audience === 'segment deleted') return { next: null, examined: 0, matched: 0, stored: 0, halted: audience };
  const occurredAt = new Date().toISOString();
  const eventFor = (customerId: string): CustomerEvent => ({
    id: `bc:${input.journeyId}:${input.version}:${customerId}`,
    type: broadcastDueEventType,
    customerId,
    occurredAt,
    data: { journeyId: input.journeyId, version: input.version, nodeId: input.nodeId },
  });
  // An audience that compiles is selected in SQL (server/audience/), with the engine's verdicts.
  const inSql = await sqlAudience(audience, eventFor);
  if (inSql) {
    const page = await selectAudiencePage(deps.db, inSql, { after: input.after, limit: input.limit, examineLimit: SQL_EXAMINED_PER_PAGE });
    const stored = await deps.events.appendMany(page.ids.map(eventFor));
    return { next: page.next, examined: page.examined, matched: page.ids.length, stored };
  }
  let after = input.after;
  let examined = 0;
  const events: CustomerEvent[] = [];
  for (;;) {
    let query = deps.db
      .selectFrom('customers as c')
      .leftJoin('customer_facts as f', 'f.customer_id', 'c.id')
      .select(['c.id', 'c.attributes', 'f.facts', ...profileFields.map((f) => `c.${f}` as const)])
      .orderBy('c.id')
      .limit(READ_BATCH);
    if (after !== null) query = query.where('c.id', '>', after);
    const rows = await query.execute();
    let full = false;
    for (const row of rows) {
      examined++;
      after = row.id;
      const event = eventFor(row.id);
      const customer = storedCustomer(row);
      if (await evaluateCondition(audience, decisionFacts({ event, customer }))) events.push(event);
      if (events.length >= input.limit) {
        full = true;
        break;
      }
    }
    const end = !full && rows.length < READ_BATCH;
    if (end || full || examined >= MAX_EXAMINED_PER_PAGE) {
      const stored = await deps.events.appendMany(events);
      return { next: end ? null : after, examined, matched: events.length, stored };
    }
  }
}

/** The broadcast's audience: its own condition, and when it names a segment, the segment's condition as it is now as well. */
async function audienceOf(deps: BroadcastPageDeps, input: BroadcastPageInput): Promise<TopLevelCondition | 'segment deleted'> {
  const journey = await deps.journeys.version(input.journeyId, input.version);
  const node = journey?.nodes.find((n) => n.id === input.nodeId);
  const def = node && deps.registry.get(node.type, node.typeVersion);
  if (!node || !def) throw new Error(`broadcast node ${input.nodeId} not found in journey ${input.journeyId} v${input.version}`);
  const { audience, segmentId } = def.config.parse(node.config) as { audience: TopLevelCondition; segmentId?: string };
  if (segmentId === undefined) return audience;
  const segment = await deps.db.selectFrom('segments').select('condition').where('id', '=', segmentId).executeTakeFirst();
  return segment ? { all: [segment.condition as TopLevelCondition, audience] } : 'segment deleted';
}
