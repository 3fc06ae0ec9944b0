// Records journey workflow histories for the replay suite (tests/temporal/replay.test.ts).
//
//   npx tsx tests/temporal/record-histories.ts                # writes the files that do not exist yet
//   npx tsx tests/temporal/record-histories.ts --suffix v2    # writes <scenario>-v2.json beside the old ones
//   npx tsx tests/temporal/record-histories.ts --force        # overwrites (see histories/README.md first)
//
// Not a test file: it runs the current workflow code on a time-skipping test server, with real
// activities on a throwaway embedded database, and saves each run's history as JSON.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createRegistry, validateJourney, type CustomerEvent, type Journey } from '../../engine/index';
import { projectRoot } from '../../server/config';
import { FactsService } from '../../server/facts/facts-service';
import { SettingsStore } from '../../server/facts/settings-store';
import { Customers } from '../../server/store/customers';
import { Enrolments } from '../../server/store/enrolments';
import { Outbox } from '../../server/store/outbox';
import { createActivities } from '../../workflows/activities';
import type { journeyWorkflow } from '../../workflows/journey-workflow';
import type { JourneyWorkflowResult } from '../../workflows/shared';
import { eventSignal } from '../../workflows/shared';
import { bundleJourneyWorkflows } from '../../workflows/worker';
import { openTestDatabase } from '../support/databases';
import { createTimeSkippingEnvironment, historiesDir, historyWorkflowId, quietTemporalForTests, threeDayWaitJourney } from './harness';
import { createActionServices } from '../../server/actions/services';
import { unavailableParts } from '../../server/actions/unavailable';

const { values: args } = parseArgs({ options: { suffix: { type: 'string' }, force: { type: 'boolean', default: false } } });
const suffix = args.suffix ? `-${args.suffix}` : '';

type Handle = WorkflowHandle<typeof journeyWorkflow>;

interface Scenario {
  name: string;
  journey: Journey;
  amount: number;
  /** What happens while the workflow runs, before its result is awaited (time skips then). */
  drive?: (ctx: { env: TestWorkflowEnvironment; handle: Handle; entry: CustomerEvent }) => Promise<void>;
  expected: JourneyWorkflowResult;
  /** [channel, node] of every message the run must leave in the outbox. */
  messages: [string, string][];
}

// The shipped example, id and all, exactly as a shop would publish it.
const paymentReminder = JSON.parse(readFileSync(join(projectRoot, 'examples', 'journeys', 'payment-reminder.json'), 'utf8')) as Journey;
const threeDayWait = threeDayWaitJourney();

const scenarios: Scenario[] = [
  {
    name: 'unpaid-small',
    journey: paymentReminder,
    amount: 128,
    expected: { exitNodeId: 'done', reason: 'exit-node' },
    messages: [['sms', 'reminder-sms']],
  },
  {
    name: 'unpaid-large',
    journey: paymentReminder,
    amount: 900,
    expected: { exitNodeId: 'done', reason: 'exit-node' },
    messages: [['task', 'call-task']],
  },
  {
    name: 'paid-in-time',
    journey: paymentReminder,
    amount: 128,
    drive: async ({ env, handle, entry }) => {
      await env.sleep('20 minutes');
      await handle.signal(eventSignal, event(`${entry.id}-paid`, 'order.paid', entry, new Date(await env.currentTimeMs())));
    },
    expected: { exitNodeId: 'paid', reason: 'exit-node' },
    messages: [],
  },
  {
    name: 'three-day-wait',
    journey: threeDayWait,
    amount: 128,
    expected: { exitNodeId: 'done', reason: 'exit-node' },
    messages: [['sms', 'reminder-sms']],
  },
];

function event(id: string, type: string, entry: CustomerEvent, at: Date): CustomerEvent {
  return { id, type, customerId: entry.customerId, occurredAt: at.toISOString(), data: { ...entry.data } };
}

async function main() {
  quietTemporalForTests();
  mkdirSync(historiesDir, { recursive: true });
  const todo = scenarios.filter((s) => {
    const file = join(historiesDir, `${s.name}${suffix}.json`);
    if (existsSync(file) && !args.force) {
      console.log(`keep   ${file} (exists; --force to overwrite, --suffix to add beside it)`);
      return false;
    }
    return true;
  });
  if (todo.length === 0) return;

  const registry = createRegistry();
  for (const s of todo) {
    const checked = validateJourney(s.journey, registry);
    if (!checked.ok) throw new Error(`journey ${s.journey.id} of ${s.name} is not valid: ${JSON.stringify(checked.problems)}`);
  }

  const [env, testDb, bundle] = await Promise.all([createTimeSkippingEnvironment((m) => console.log(m)), openTestDatabase('embedded'), bundleJourneyWorkflows()]);
  try {
    const customers = new Customers(testDb.db);
    const outbox = new Outbox(testDb.db);
    const enrolments = new Enrolments(testDb.db);
    const taskQueue = 'record-histories';
    const worker = await Worker.create({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      workflowBundle: bundle,
      activities: createActivities({ registry, customers, outbox, enrolments, facts: new FactsService(testDb.db, new SettingsStore(testDb.db)), services: createActionServices(testDb.db, unavailableParts) }),
    });
    await worker.runUntil(async () => {
      for (const s of todo) {
        const stem = `${s.name}${suffix}`;
        const customerId = `c-${stem}`;
        await customers.upsertFromEvent(customerId, { name: '王芳', phone: '13800001234' });
        const entry: CustomerEvent = {
          id: `evt-${stem}-created`,
          type: 'order.created',
          customerId,
          occurredAt: new Date(await env.currentTimeMs()).toISOString(),
          data: { orderId: `o-${stem}`, amount: s.amount },
        };
        const handle: Handle = await env.client.workflow.signalWithStart('journeyWorkflow', {
          workflowId: historyWorkflowId(stem),
          taskQueue,
          args: [{ journey: s.journey, version: 1, entry }],
          signal: eventSignal,
          signalArgs: [entry],
        });
        await s.drive?.({ env, handle, entry });
        const result = await handle.result();
        const messages = (await outbox.list({ customerId })).map((m) => [m.channel, m.nodeId]);
        if (JSON.stringify(result) !== JSON.stringify(s.expected) || JSON.stringify(messages) !== JSON.stringify(s.messages)) {
          throw new Error(`${s.name}: ended ${JSON.stringify(result)} with messages ${JSON.stringify(messages)}; expected ${JSON.stringify(s.expected)} with ${JSON.stringify(s.messages)}`);
        }
        const history = await handle.fetchHistory();
        const file = join(historiesDir, `${stem}.json`);
        writeFileSync(file, historyToJSON(history) + '\n');
        const types = (history.events ?? []).map((e) => String(e.eventType));
        console.log(`wrote  ${file} (${types.length} events, result ${JSON.stringify(result)})`);
      }
    });
    // The journeys the histories ran, unless it is the unchanged shipped example.
    if (todo.some((s) => s.journey === threeDayWait)) {
      const file = join(historiesDir, `three-day-wait${suffix}.journey.json`);
      writeFileSync(file, JSON.stringify(threeDayWait, null, 2) + '\n');
      console.log(`wrote  ${file}`);
    }
  } finally {
    await env.teardown();
    await testDb.close();
  }
}

await main();
