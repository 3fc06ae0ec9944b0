// Records cohort workflow histories for the replay suite (tests/temporal/replay-cohorts.test.ts).
//
//   npx tsx tests/temporal/record-cohort-histories.ts            # writes the scenarios whose files do not exist yet
//   npx tsx tests/temporal/record-cohort-histories.ts --force    # overwrites them (see histories/README.md first)
//
// Not a test file: it runs the whole product as `npm start` does (a Temporal dev server, the
// embedded database, the worker and the router), enrols customers in bulk so they run as cohorts,
// and saves each cohort's history as JSON beside the journey it ran.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { Journey } from '../../engine/index';
import { startBenchStack, type BenchStack } from '../../bench/journeys/stack';
import { historiesDir } from './harness';

const { values: args } = parseArgs({ options: { force: { type: 'boolean', default: false } } });
const dir = join(historiesDir, 'cohorts');
mkdirSync(dir, { recursive: true });

type Step = Journey['nodes'][number];
function journeyOf(id: string, nodes: Step[], edges: [string, string, string][], exitWhen: Journey['settings']['exitWhen'] = []): Journey {
  return {
    schemaVersion: 1,
    id,
    name: id,
    status: 'draft',
    version: 0,
    nodes: [
      { id: 'trigger', type: 'trigger.event', config: { eventType: 'order.created', perOrder: false } },
      ...nodes,
      { id: 'done', type: 'exit', config: {} },
    ],
    edges: edges.map(([from, port, to]) => ({ from, port, to })),
    settings: { timezone: 'Asia/Shanghai', reEntry: 'never', priority: 5, exitWhen },
    layout: { positions: {} },
  };
}

interface Scenario {
  name: string;
  journey: Journey;
  /** What happens while the cohort runs (after its members were enrolled). */
  drive?: (stack: BenchStack, customers: string[]) => Promise<void>;
}

const sms = (template: string) => ({ type: 'message.send', config: { channel: 'sms', template } });
const scenarios: Scenario[] = [
  {
    // Decided on the members' region, a shared wait for the rest, and one leaving by exit criteria during it.
    name: 'cohort-split-wait-exit',
    journey: journeyOf(
      'cohort-split-wait-exit',
      [
        { id: 'check', type: 'condition', config: { conditions: { all: [{ fact: 'customer', path: '$.region', operator: 'equal', value: '上海' }] } } },
        { id: 'vip', ...sms('上海的{{customer.name}}您好') },
        { id: 'pause', type: 'wait', config: { duration: 'PT3S' } },
        { id: 'later', ...sms('{{customer.name}}，稍后见') },
      ],
      [
        ['trigger', 'next', 'check'],
        ['check', 'yes', 'vip'],
        ['check', 'no', 'pause'],
        ['vip', 'next', 'done'],
        ['pause', 'next', 'later'],
        ['later', 'next', 'done'],
      ],
      [{ eventType: 'survey.answered', sameOrder: false }],
    ),
    drive: async (stack, customers) => {
      await new Promise((r) => setTimeout(r, 1000));
      await stack.api('/api/events', {
        id: `answer-${customers[1]}`,
        type: 'survey.answered',
        customerId: customers[1],
        occurredAt: new Date().toISOString(),
        data: {},
      });
    },
  },
  {
    // A message, then a wait for each member's own event: every member goes on in a workflow of its own.
    name: 'cohort-hand-off',
    journey: journeyOf(
      'cohort-hand-off',
      [
        { id: 'hello', ...sms('你好') },
        { id: 'await', type: 'wait.event', config: { eventType: 'survey.answered', timeout: 'PT2S' } },
        { id: 'thanks', type: 'exit', config: {} },
      ],
      [
        ['trigger', 'next', 'hello'],
        ['hello', 'next', 'await'],
        ['await', 'event', 'thanks'],
        ['await', 'timeout', 'done'],
      ],
    ),
  },
  {
    // Paused while its members wait, resumed, then stopped in the next wait.
    name: 'cohort-paused-stopped',
    journey: journeyOf(
      'cohort-paused-stopped',
      [
        { id: 'first', type: 'wait', config: { duration: 'PT2S' } },
        { id: 'send', ...sms('到点了') },
        { id: 'second', type: 'wait', config: { duration: 'PT1H' } },
      ],
      [
        ['trigger', 'next', 'first'],
        ['first', 'next', 'send'],
        ['send', 'next', 'second'],
        ['second', 'next', 'done'],
      ],
    ),
    drive: async (stack, _customers) => {
      const id = 'cohort-paused-stopped';
      await stack.api(`/api/journeys/${id}/pause`, {});
      await new Promise((r) => setTimeout(r, 3000));
      await stack.api(`/api/journeys/${id}/resume`, {});
      await new Promise((r) => setTimeout(r, 2000));
      await stack.api(`/api/journeys/${id}/stop`, {});
    },
  },
];

const stack = await startBenchStack();
try {
  const db = stack.huitou.context.db;
  for (const s of scenarios) {
    const file = join(dir, `${s.name}.json`);
    if (existsSync(file) && !args.force) {
      console.log(`${s.name}: exists, kept`);
      continue;
    }
    const customers = ['上海', '浙江', '上海', '浙江'].map((region, i) => ({ id: `${s.name}-c${i}`, region, name: `顾客${i}` }));
    await stack.api(
      '/api/events',
      customers.map((c, i) => ({
        id: `${c.id}-profile`,
        type: 'customer.updated',
        customerId: c.id,
        occurredAt: new Date().toISOString(),
        data: { name: c.name, region: c.region, phone: `1380000000${i}` },
      })),
    );
    for (;;) {
      const known = await db
        .selectFrom('customers')
        .select('id')
        .where(
          'id',
          'in',
          customers.map((c) => c.id),
        )
        .execute();
      if (known.length === customers.length) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    if ((await stack.api('/api/journeys', s.journey)).status !== 201) throw new Error(`${s.name}: journey not created`);
    if ((await stack.api(`/api/journeys/${s.journey.id}/publish`, {})).status !== 200) throw new Error(`${s.name}: not published`);
    if ((await stack.api(`/api/journeys/${s.journey.id}/enrol`, { customerIds: customers.map((c) => c.id) })).status !== 202)
      throw new Error(`${s.name}: not enrolled`);
    let cohortId: string | null | undefined;
    while (!cohortId) {
      cohortId = (await db.selectFrom('enrolments').select('cohort_id').where('journey_id', '=', s.journey.id).executeTakeFirst())?.cohort_id;
      await new Promise((r) => setTimeout(r, 200));
    }
    await s.drive?.(
      stack,
      customers.map((c) => c.id),
    );
    const handle = stack.huitou.temporal.client.workflow.getHandle(cohortId);
    const result = await handle.result();
    writeFileSync(file, JSON.stringify(JSON.parse(historyToJSON(await handle.fetchHistory())), null, 1));
    writeFileSync(join(dir, `${s.name}.journey.json`), JSON.stringify(s.journey, null, 2));
    console.log(`${s.name}: ${cohortId} → ${JSON.stringify(result)}`);
  }
} finally {
  await stack.stop();
}
