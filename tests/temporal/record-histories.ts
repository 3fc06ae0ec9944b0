// Records journey workflow histories for the replay suite (tests/temporal/replay.test.ts).
//
//   npx tsx tests/temporal/record-histories.ts                # writes the files that do not exist yet
//   npx tsx tests/temporal/record-histories.ts --suffix v2    # writes <scenario>-v2.json beside the old ones
//   npx tsx tests/temporal/record-histories.ts --force        # overwrites (see histories/README.md first)
//   npx tsx tests/temporal/record-histories.ts --suffix v2 --only unpaid-small,paid-in-time   # just those scenarios
//
// Not a test file: it runs the current workflow code on a time-skipping test server, with real
// activities on a throwaway embedded database, and saves each run's history as JSON.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { createRegistry, localDate, validateJourney, type CustomerEvent, type Journey, type NodeRegistry } from '../../engine/index';
import { projectRoot } from '../../server/config';
import { FactsService } from '../../server/facts/facts-service';
import { SettingsStore } from '../../server/facts/settings-store';
import { Customers } from '../../server/customers/customers';
import { Enrolments } from '../../server/journeys/enrolments';
import { Outbox } from '../../server/messaging/outbox';
import { StepLog } from '../../server/journeys/step-log';
import { createActivities } from '../../server/worker/journey-activities';
import { eventSignal } from '../../workflows/shared';
import { bundleJourneyWorkflows } from '../../server/worker/journey-worker';
import { openTestDatabase } from '../support/databases';
import { createTimeSkippingEnvironment, historiesDir, historyWorkflowId, quietTemporalForTests, threeDayWaitJourney } from './harness';
import { amountSplitJourney, birthdayJourney, randomSplitJourney, untilJourney, windowJourney } from './calendar-journeys';
import { createActionServices } from '../../server/worker/action-services';
import { createOutboundHttp } from '../../server/messaging/outbound-http';
import { Campaigns } from '../../server/coupons/campaigns';
import { Coupons } from '../../server/coupons/coupon-service';
import type { Db } from '../../server/db/database';
import { actionScenarios, settingScenarios, triggerScenarios, type Handle, type Rig, type Scenario } from './history-scenarios';

const { values: args } = parseArgs({ options: { suffix: { type: 'string' }, force: { type: 'boolean', default: false }, only: { type: 'string' } } });
const only = args.only ? new Set(args.only.split(',')) : undefined;
const suffix = args.suffix ? `-${args.suffix}` : '';

// The shipped example, id and all, exactly as a shop would publish it.
const paymentReminder = JSON.parse(readFileSync(join(projectRoot, 'examples', 'journeys', 'payment-reminder.json'), 'utf8')) as Journey;
const threeDayWait = threeDayWaitJourney();

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const localHour = (ms: number, timeZone: string) => Number(new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' }).format(ms));
const hhmm = (hour: number) => `${String(hour % 24).padStart(2, '0')}:00`;

/** The arm split.random gives this scenario's customer, so the expected end is known before it runs. */
async function randomSplitEnd(journey: Journey, customerId: string): Promise<Pick<Scenario, 'expected' | 'messages'>> {
  const def = createRegistry().require('split.random');
  if (def.behaviour.kind !== 'decide') throw new Error('split.random is a decision');
  const config = def.config.parse(journey.nodes.find((n) => n.id === 'ab')!.config);
  const port = await def.behaviour.decide(config, {}, { journeyId: journey.id, nodeId: 'ab', customerId });
  return port === 'holdout'
    ? { expected: { exitNodeId: 'held-out', reason: 'exit-node' }, messages: [] }
    : { expected: { exitNodeId: 'done', reason: 'exit-node' }, messages: [['sms', `sms-${port}`]] };
}

const randomSplit = randomSplitJourney('split-random');

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
  {
    // Entered two hours before a two-hour window opens on the customer's (Tokyo) clock.
    name: 'wait-window',
    journey: (now) => {
      const opens = localHour(now, 'Asia/Tokyo') + 2;
      return windowJourney('wait-window', { from: hhmm(opens), to: hhmm(opens + 2) });
    },
    profile: { timezone: 'Asia/Tokyo' },
    amount: 128,
    expected: { exitNodeId: 'done', reason: 'exit-node' },
    messages: [['sms', 'reminder-sms']],
  },
  {
    // Two days on at 10:00 in the shop's zone.
    name: 'wait-until',
    journey: (now) => untilJourney('wait-until', `${localDate(new Date(now + 2 * DAY), 'Asia/Shanghai')}T10:00`),
    amount: 128,
    expected: { exitNodeId: 'done', reason: 'exit-node' },
    messages: [['sms', 'sale-sms']],
  },
  {
    name: 'wait-date',
    journey: birthdayJourney('wait-date'),
    // The birthday ten days on: the greeting waits nine days for the eve at 10:00.
    profile: { birthday: `1992-${localDate(new Date(Date.now() + 10 * DAY), 'Asia/Shanghai').slice(5)}`, timezone: 'Asia/Shanghai' },
    amount: 128,
    expected: { exitNodeId: 'done', reason: 'exit-node' },
    messages: [['sms', 'birthday-sms']],
  },
  {
    name: 'wait-date-missing',
    journey: birthdayJourney('wait-date'),
    amount: 128,
    expected: { exitNodeId: 'no-birthday', reason: 'exit-node' },
    messages: [],
  },
  {
    name: 'split-multi',
    journey: amountSplitJourney('split-multi'),
    amount: 500,
    expected: { exitNodeId: 'done', reason: 'exit-node' },
    messages: [['sms', 'thanks-sms']],
  },
  {
    name: 'split-random',
    journey: randomSplit,
    amount: 128,
    ...(await randomSplitEnd(randomSplit, `c-split-random${suffix}`)),
  },
  ...actionScenarios,
  ...triggerScenarios,
  ...settingScenarios,
];

function event(id: string, type: string, entry: CustomerEvent, at: Date): CustomerEvent {
  return { id, type, customerId: entry.customerId, occurredAt: at.toISOString(), data: { ...entry.data } };
}

async function main() {
  quietTemporalForTests();
  mkdirSync(historiesDir, { recursive: true });
  const unknown = [...(only ?? [])].filter((name) => !scenarios.some((s) => s.name === name));
  if (unknown.length > 0) throw new Error(`--only: no scenario named ${unknown.join(', ')}`);
  const todo = scenarios.filter((s) => {
    if (only && !only.has(s.name)) return false;
    const file = join(historiesDir, `${s.name}${suffix}.json`);
    if (existsSync(file) && !args.force) {
      console.log(`keep   ${file} (exists; --force to overwrite, --suffix to add beside it)`);
      return false;
    }
    return true;
  });
  if (todo.length === 0) return;

  const registry = createRegistry();
  const validated = (s: Scenario, journey: Journey) => {
    const checked = validateJourney(journey, registry);
    if (!checked.ok) throw new Error(`journey ${journey.id} of ${s.name} is not valid: ${JSON.stringify(checked.problems)}`);
    return journey;
  };
  for (const s of todo) if (typeof s.journey !== 'function') validated(s, s.journey);

  const [env, testDb, bundle, hook] = await Promise.all([
    createTimeSkippingEnvironment((m) => console.log(m)),
    openTestDatabase('embedded'),
    bundleJourneyWorkflows(),
    startHookReceiver(),
  ]);
  try {
    const customers = new Customers(testDb.db);
    const settings = new SettingsStore(testDb.db);
    // The shop's guardrails apply as in the server (quiet hours are off until a scenario sets them).
    const outbox = new Outbox(testDb.db, async () => {
      const shop = await settings.shop();
      return { messaging: shop.messaging, timezone: shop.timezone };
    });
    const enrolments = new Enrolments(testDb.db);
    const stepLog = new StepLog(testDb.db);
    const coupons = new Coupons(testDb.db);
    const rig: Rig = { db: testDb.db, settings, campaigns: new Campaigns(testDb.db), hookUrl: hook.url, hookBodies: hook.bodies };
    const taskQueue = 'record-histories';
    const worker = await Worker.create({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      workflowBundle: bundle,
      activities: createActivities({
        registry,
        customers,
        outbox,
        enrolments,
        facts: new FactsService(testDb.db, settings),
        services: createActionServices(testDb.db, { coupons, http: createOutboundHttp({ allow: ['127.0.0.1'] }) }),
        issuedCoupons: coupons,
        stepLog,
      }),
    });
    await worker.runUntil(async () => {
      for (const s of todo) {
        const stem = `${s.name}${suffix}`;
        const customerId = `c-${stem}`;
        const now = await env.currentTimeMs();
        await s.setup?.(rig, now);
        await customers.upsertFromEvent(customerId, { name: '王芳', phone: '13800001234' });
        if (s.profile) await customers.applyUpdate(customerId, typeof s.profile === 'function' ? s.profile(now) : s.profile);
        const journey = typeof s.journey === 'function' ? validated(s, s.journey(now, rig)) : s.journey;
        const orderCreated: CustomerEvent = {
          id: `evt-${stem}-created`,
          type: 'order.created',
          customerId,
          occurredAt: new Date(now).toISOString(),
          data: { orderId: `o-${stem}`, amount: s.amount },
        };
        const entry = s.entry ? s.entry(orderCreated, journey) : orderCreated;
        await mustEnter(registry, journey, entry);
        // As the event router does before starting the workflow: the step log counts into this row.
        await enrolments.recordStart({ workflowId: historyWorkflowId(stem), journeyId: journey.id, journeyVersion: 1, customerId, entryEventId: entry.id });
        const handle: Handle = await env.client.workflow.signalWithStart('journeyWorkflow', {
          workflowId: historyWorkflowId(stem),
          taskQueue,
          args: [{ journey, version: 1, entry }],
          signal: eventSignal,
          signalArgs: [entry],
        });
        await s.drive?.({ env, handle, entry });
        const result = await handle.result();
        const messages = (await outbox.list({ customerId })).map((m) => [m.channel, m.nodeId]);
        if (JSON.stringify(result) !== JSON.stringify(s.expected) || JSON.stringify(messages) !== JSON.stringify(s.messages)) {
          throw new Error(
            `${s.name}: ended ${JSON.stringify(result)} with messages ${JSON.stringify(messages)}; expected ${JSON.stringify(s.expected)} with ${JSON.stringify(s.messages)}`,
          );
        }
        await s.check?.(rig, customerId);
        const history = await handle.fetchHistory();
        const file = join(historiesDir, `${stem}.json`);
        writeFileSync(file, historyToJSON(history) + '\n');
        const types = (history.events ?? []).map((e) => String(e.eventType));
        console.log(`wrote  ${file} (${types.length} events, result ${JSON.stringify(result)})`);
        const steps = (await stepLog.stats(journey.id)).nodes.map((n) => `${n.nodeId} ${n.entered}/${n.passed}`);
        if (steps.length > 0) console.log(`       steps entered/passed: ${steps.join(', ')}`);
        // The journey the history ran, unless it is the unchanged shipped example.
        if (journey !== paymentReminder) {
          const journeyFile = join(historiesDir, `${stem}.journey.json`);
          writeFileSync(journeyFile, JSON.stringify(journey, null, 2) + '\n');
          console.log(`wrote  ${journeyFile}`);
        }
      }
    });
  } finally {
    await env.teardown();
    await testDb.close();
    await hook.close();
  }
}

/** The journey's trigger takes the entry event, as the event router would check before enrolling. */
async function mustEnter(registry: NodeRegistry, journey: Journey, entry: CustomerEvent): Promise<void> {
  for (const node of journey.nodes) {
    const def = registry.require(node.type);
    if (def.behaviour.kind !== 'trigger') continue;
    if (!(await def.behaviour.accepts(def.config.parse(node.config), entry, { journeyId: journey.id }))) {
      throw new Error(`journey ${journey.id}: its trigger ${node.id} does not take the entry event ${entry.type}`);
    }
    return;
  }
  throw new Error(`journey ${journey.id} has no trigger`);
}

/** A loopback HTTP server standing in for a webhook's robot: answers 200 and keeps each body. */
async function startHookReceiver(): Promise<{ url: string; bodies: string[]; close: () => Promise<void> }> {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/robot/send`, bodies, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

await main();
