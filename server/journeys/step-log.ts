import { sql } from 'kysely';
import type { StepReportInput } from '../../workflows/shared';
import type { Db } from '../db/database';

/** Steps one journey workflow took since its previous report: the workflow's report, as its contract says. */
export type StepReport = StepReportInput;

/** Live figures of one node, over the versions asked for. */
export interface NodeStats {
  nodeId: string;
  entered: number;
  /** Customers waiting at this node now (wait steps, messages held for quiet hours, a paused journey). */
  waiting: number;
  passed: number;
  /** Messages from this node by outcome (the outbox's statuses). */
  sent: number;
  queued: number;
  failed: number;
  capped: number;
  skipped: number;
  /** Goal conversions credited to this node's messages (last message before the goal). */
  converted: number;
  /**
   * Actions at this node that were refused: by the address guard (a webhook to a private address,
   * the customer leaves) or by the shop's own limits (a coupon campaign used up, the customer goes on).
   */
  actionsRefused: number;
  /** Actions at this node that failed for good (retries spent, or not retryable): the customer left there. */
  actionsFailed: number;
}

export interface JourneyStats {
  journeyId: string;
  /** The version asked for, or null for all versions together. */
  version: number | null;
  /** The versions (of those asked for) that have any figures, ascending. */
  versions: number[];
  nodes: NodeStats[];
}

/** How many rows each node's counter is split over (see migration 0007). */
export const STEP_COUNT_SHARDS = 8;

const EMPTY: Omit<NodeStats, 'nodeId'> = {
  entered: 0,
  waiting: 0,
  passed: 0,
  sent: 0,
  queued: 0,
  failed: 0,
  capped: 0,
  skipped: 0,
  converted: 0,
  actionsRefused: 0,
  actionsFailed: 0,
};

/** Exit reasons of enrolments whose action failed for good (engine/driver/driver.ts): `action-failed <type>:<node>`. */
const FAILED_ACTION = /^action-failed ([^\s:]+):(.+)$/;
/** The failure type of an action the outbound address guard refused (server/messaging/outbound-http.ts). */
const REFUSED_TYPES = new Set(['OutboundRefused']);

/** What each outbox status counts as; statuses not named here (a task's own states) count as sent. */
function messageBucket(status: string): keyof Omit<NodeStats, 'nodeId'> {
  if (status === 'queued' || status === 'sending') return 'queued';
  if (status === 'failed') return 'failed';
  if (status === 'capped') return 'capped';
  // Not sent because nobody should get it any more: a skip, or cancelled at delivery (the customer left).
  if (status.startsWith('skipped') || status === 'cancelled') return 'skipped';
  return 'sent';
}

/** The step log: per-node counters the journey workflows report into, and the live figures read from them. */
export class StepLog {
  constructor(private readonly db: Db) {}

  /**
   * Applies one report, once: claiming the report on the enrolment (newer sequence number or a new
   * run) and adding to the counters are one statement, so a retry after a lost answer adds nothing.
   * Returns whether it was applied (false: a repeat, or no such enrolment).
   */
  async report(r: StepReport): Promise<boolean> {
    // Sorted, so concurrent reports lock the counter rows in the same order and cannot deadlock.
    const refusedAt = r.refused ?? {};
    const nodes = [...new Set([...Object.keys(r.entered), ...Object.keys(r.passed), ...Object.keys(refusedAt)])].sort();
    const entered = nodes.map((n) => r.entered[n] ?? 0);
    const passed = nodes.map((n) => r.passed[n] ?? 0);
    const refused = nodes.map((n) => refusedAt[n] ?? 0);
    const shard = shardOf(r.workflowId);
    const result = await sql<{ claimed: number }>`
      with claimed as (
        update enrolments set step_run = ${r.runId}, step_seq = ${r.seq}, waiting_node = ${r.waitingAt}
        where workflow_id = ${r.workflowId} and (step_run is distinct from ${r.runId} or step_seq < ${r.seq})
        returning workflow_id
      ), counted as (
        insert into journey_step_counts (journey_id, journey_version, node_id, shard, entered, passed, refused)
        select ${r.journeyId}, ${r.journeyVersion}::int, n.node_id, ${shard}::smallint, n.entered, n.passed, n.refused
        from claimed cross join unnest(${nodes}::text[], ${entered}::bigint[], ${passed}::bigint[], ${refused}::bigint[]) as n(node_id, entered, passed, refused)
        order by n.node_id
        on conflict (journey_id, journey_version, node_id, shard) do update
          set entered = journey_step_counts.entered + excluded.entered, passed = journey_step_counts.passed + excluded.passed,
            refused = journey_step_counts.refused + excluded.refused
        returning 1
      )
      select (select count(*) from claimed)::int as claimed, (select count(*) from counted)::int as counted`.execute(this.db);
    return (result.rows[0]?.claimed ?? 0) > 0;
  }

  /**
   * Applies many reports (a cohort's members, one each) in one statement, each once as `report`
   * applies it: the enrolments claimed, then the counters of the claimed ones added per node.
   */
  async reportMany(reports: readonly StepReport[]): Promise<number> {
    if (reports.length === 0) return 0;
    const rows = {
      workflowId: [] as string[],
      journeyId: [] as string[],
      version: [] as number[],
      node: [] as string[],
      shard: [] as number[],
      entered: [] as number[],
      passed: [] as number[],
      refused: [] as number[],
    };
    for (const r of reports) {
      const refusedAt = r.refused ?? {};
      for (const node of new Set([...Object.keys(r.entered), ...Object.keys(r.passed), ...Object.keys(refusedAt)])) {
        rows.workflowId.push(r.workflowId);
        rows.journeyId.push(r.journeyId);
        rows.version.push(r.journeyVersion);
        rows.node.push(node);
        rows.shard.push(shardOf(r.workflowId));
        rows.entered.push(r.entered[node] ?? 0);
        rows.passed.push(r.passed[node] ?? 0);
        rows.refused.push(refusedAt[node] ?? 0);
      }
    }
    const result = await sql<{ claimed: number }>`
      with input as (
        select * from unnest(${reports.map((r) => r.workflowId)}::text[], ${reports.map((r) => r.runId)}::text[], ${reports.map((r) => r.seq)}::int[],
          ${reports.map((r) => r.waitingAt ?? '')}::text[]) as i(workflow_id, run, seq, waiting)
      ), claimed as (
        update enrolments e set step_run = i.run, step_seq = i.seq, waiting_node = nullif(i.waiting, '')
        from input i
        where e.workflow_id = i.workflow_id and (e.step_run is distinct from i.run or e.step_seq < i.seq)
        returning e.workflow_id
      ), counted as (
        insert into journey_step_counts (journey_id, journey_version, node_id, shard, entered, passed, refused)
        select r.journey_id, r.journey_version, r.node_id, r.shard, sum(r.entered), sum(r.passed), sum(r.refused)
        from unnest(${rows.workflowId}::text[], ${rows.journeyId}::text[], ${rows.version}::int[], ${rows.node}::text[], ${rows.shard}::smallint[],
          ${rows.entered}::bigint[], ${rows.passed}::bigint[], ${rows.refused}::bigint[])
          as r(workflow_id, journey_id, journey_version, node_id, shard, entered, passed, refused)
        join claimed c on c.workflow_id = r.workflow_id
        group by r.journey_id, r.journey_version, r.node_id, r.shard
        order by r.journey_id, r.journey_version, r.node_id, r.shard
        on conflict (journey_id, journey_version, node_id, shard) do update
          set entered = journey_step_counts.entered + excluded.entered, passed = journey_step_counts.passed + excluded.passed,
            refused = journey_step_counts.refused + excluded.refused
        returning 1
      )
      select (select count(*) from claimed)::int as claimed, (select count(*) from counted)::int as counted`.execute(this.db);
    return result.rows[0]?.claimed ?? 0;
  }

  /** Per-node figures of a journey: one version, or all versions summed when `version` is undefined. */
  async stats(journeyId: string, version?: number): Promise<JourneyStats> {
    const versionFilter = version === undefined ? sql`` : sql`and journey_version = ${version}`;
    const [counts, waiting, messages, conversions, failures] = await Promise.all([
      sql<{ journey_version: number; node_id: string; entered: string; passed: string; refused: string }>`
        select journey_version, node_id, sum(entered) as entered, sum(passed) as passed, sum(refused) as refused
        from journey_step_counts where journey_id = ${journeyId} ${versionFilter}
        group by journey_version, node_id`.execute(this.db),
      sql<{ journey_version: number; node_id: string; n: string }>`
        select journey_version, waiting_node as node_id, count(*) as n
        from enrolments where journey_id = ${journeyId} and status = 'active' and waiting_node is not null ${versionFilter}
        group by journey_version, waiting_node`.execute(this.db),
      sql<{ journey_version: number; node_id: string; status: string; n: string }>`
        select journey_version, node_id, status, count(*) as n
        from messages where journey_id = ${journeyId} ${versionFilter}
        group by journey_version, node_id, status`.execute(this.db),
      sql<{ journey_version: number; node_id: string; n: string }>`
        select journey_version, node_id, count(*) as n
        from conversions where journey_id = ${journeyId} ${versionFilter}
        group by journey_version, node_id`.execute(this.db),
      sql<{ journey_version: number; exit_reason: string; n: string }>`
        select journey_version, exit_reason, count(*) as n
        from enrolments where journey_id = ${journeyId} and exit_reason like 'action-failed %' ${versionFilter}
        group by journey_version, exit_reason`.execute(this.db),
    ]);
    const nodes = new Map<string, NodeStats>();
    const versions = new Set<number>();
    const node = (row: { journey_version: number; node_id: string }) => {
      versions.add(row.journey_version);
      let s = nodes.get(row.node_id);
      if (!s) nodes.set(row.node_id, (s = { nodeId: row.node_id, ...EMPTY }));
      return s;
    };
    for (const r of counts.rows) {
      const s = node(r);
      s.entered += Number(r.entered);
      s.passed += Number(r.passed);
      s.actionsRefused += Number(r.refused);
    }
    for (const r of failures.rows) {
      const failed = FAILED_ACTION.exec(r.exit_reason);
      if (!failed) continue;
      node({ journey_version: r.journey_version, node_id: failed[2]! })[REFUSED_TYPES.has(failed[1]!) ? 'actionsRefused' : 'actionsFailed'] += Number(r.n);
    }
    for (const r of waiting.rows) node(r).waiting += Number(r.n);
    for (const r of messages.rows) node(r)[messageBucket(r.status)] += Number(r.n);
    for (const r of conversions.rows) node(r).converted += Number(r.n);
    return {
      journeyId,
      version: version ?? null,
      versions: [...versions].sort((a, b) => a - b),
      nodes: [...nodes.values()].sort((a, b) => (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0)),
    };
  }
}

/** A stable shard for a workflow id (FNV-1a), so one enrolment's reports always land on the same row. */
export function shardOf(workflowId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < workflowId.length; i++) {
    h ^= workflowId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % STEP_COUNT_SHARDS;
}
