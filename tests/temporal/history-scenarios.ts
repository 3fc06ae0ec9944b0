import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { sql } from 'kysely';
import {
  broadcastDueEventType,
  calendarDueEventType,
  segmentEnteredEventType,
  calendarRuleKey,
  festivalRuleKey,
  localDate,
  type CustomerEvent,
  type CustomerUpdatedData,
  type Journey,
} from '../../engine/index';
import type { Campaigns } from '../../server/coupons/campaigns';
import type { Db } from '../../server/db/database';
import type { SettingsStore } from '../../server/facts/settings-store';
import type { journeyWorkflow } from '../../workflows/journey-workflow';
import { eventSignal, stopSignal, type JourneyWorkflowResult } from '../../workflows/shared';
import {
  birthdayRule,
  AWAIT_PAYMENT_NODE,
  birthdayTriggerJourney,
  broadcastJourney,
  cancelExitJourney,
  couponJourney,
  customerChanges,
  customerChangesJourney,
  exitWhenJourney,
  festivalTriggerJourney,
  midAutumnRule,
  quietHoursJourney,
  REMINDER_WAIT_NODE,
  segmentJourney,
  stoppableJourney,
  webhookJourney,
} from './history-journeys';

/**
 * The scenarios record-histories.ts records besides its own first ones: every action node, the
 * date and broadcast triggers entered with the events the server stores for them, and the journey
 * settings (exit criteria, a stopped journey, quiet hours). Each checks what its actions did.
 */

export type Handle = WorkflowHandle<typeof journeyWorkflow>;

/** What the recording run provides besides the workflow: the database, shop settings, a webhook receiver. */
export interface Rig {
  db: Db;
  settings: SettingsStore;
  campaigns: Campaigns;
  /** A loopback HTTP server (allow-listed for outbound HTTP) and the bodies it has received. */
  hookUrl: string;
  hookBodies: string[];
}

export interface Scenario {
  name: string;
  /** The journey, or one made from the server's clock when it starts (calendar waits that must set a timer). */
  journey: Journey | ((nowMs: number, rig: Rig) => Journey);
  amount: number;
  /** Profile fields the customer has before entering (time zone, birthday). */
  profile?: CustomerUpdatedData | ((nowMs: number) => CustomerUpdatedData);
  /** The entry event when it is not the order.created one (date and broadcast triggers). */
  entry?: (orderCreated: CustomerEvent, journey: Journey) => CustomerEvent;
  /** Before the customer enters (coupon campaigns, shop settings). */
  setup?: (rig: Rig, nowMs: number) => Promise<void>;
  /** What happens while the workflow runs, before its result is awaited (time skips then). */
  drive?: (ctx: { env: TestWorkflowEnvironment; handle: Handle; entry: CustomerEvent }) => Promise<void>;
  expected: JourneyWorkflowResult;
  /** [channel, node] of every message the run must leave in the outbox. */
  messages: [string, string][];
  /** After the run: throws when what the actions did is not what the scenario expects. */
  check?: (rig: Rig, customerId: string) => Promise<void>;
}

const SHOP_ZONE = 'Asia/Shanghai';
const COUPON_CAMPAIGN = 'history-coupon';

function expect(what: string, actual: unknown, expected: unknown): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new Error(`${what}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
}

/** The order id record-histories.ts gives a scenario's entry (customer `c-<stem>`, order `o-<stem>`). */
const orderOf = (customerId: string) => `o-${customerId.slice(2)}`;

const localHour = (ms: number) => Number(new Intl.DateTimeFormat('en-US', { timeZone: SHOP_ZONE, hour: 'numeric', hourCycle: 'h23' }).format(ms));
const hhmm = (hour: number) => `${String(((hour % 24) + 24) % 24).padStart(2, '0')}:00`;

export const actionScenarios: Scenario[] = [
  {
    name: 'customer-changes',
    journey: customerChangesJourney('customer-changes'),
    amount: 128,
    expected: { exitNodeId: 'done', reason: 'exit-node' },
    messages: [['task', 'follow-up']],
    check: async ({ db }, customerId) => {
      const tags = await db.selectFrom('customer_tags').select('tag').where('customer_id', '=', customerId).orderBy('tag').execute();
      expect(
        'tags',
        tags.map((t) => t.tag),
        [customerChanges.tag],
      );
      const row = await db.selectFrom('customers').select(['tier', 'attributes']).where('id', '=', customerId).executeTakeFirstOrThrow();
      expect('tier', row.tier, customerChanges.tier);
      expect('attribute', (row.attributes as Record<string, unknown>)[customerChanges.attribute], orderOf(customerId));
    },
  },
  {
    name: 'coupon-issue',
    journey: couponJourney('coupon-issue', COUPON_CAMPAIGN),
    amount: 128,
    setup: async ({ campaigns }) => {
      if (await campaigns.get(COUPON_CAMPAIGN)) return;
      await campaigns.create({
        id: COUPON_CAMPAIGN,
        name: '下单减10元',
        kind: 'amount',
        value: 10,
        minimumSpend: 0,
        validDays: 30,
        codeSource: 'generated',
        codePrefix: 'HT',
      });
    },
    expected: { exitNodeId: 'done', reason: 'exit-node' },
    messages: [['sms', 'coupon-sms']],
    check: async ({ db }, customerId) => {
      const codes = await db.selectFrom('coupon_codes').select('code').where('customer_id', '=', customerId).execute();
      expect('coupons issued', codes.length, 1);
      const message = await db.selectFrom('messages').select('text').where('customer_id', '=', customerId).executeTakeFirstOrThrow();
      if (!message.text.includes(codes[0]!.code)) throw new Error(`coupon-issue: the SMS does not carry the coupon code`);
    },
  },
  {
    name: 'webhook-post',
    journey: (_now, rig) => webhookJourney('webhook-post', rig.hookUrl),
    amount: 900,
    expected: { exitNodeId: 'done', reason: 'exit-node' },
    messages: [],
    check: async ({ hookBodies }, customerId) => {
      const order = orderOf(customerId);
      const posted = hookBodies.filter((b) => b.includes(order)).map((b) => JSON.parse(b) as unknown);
      expect('webhook bodies', posted, [{ msgtype: 'text', text: { content: `订单 ${order} ¥900` } }]);
    },
  },
];

export const triggerScenarios: Scenario[] = [
  {
    // Entered the way the daily calendar job enrols: a calendar.due event of the trigger's rule.
    name: 'trigger-date',
    journey: birthdayTriggerJourney('trigger-date'),
    profile: (now) => ({ birthday: `1990-${localDate(new Date(now), SHOP_ZONE).slice(5)}`, timezone: SHOP_ZONE }),
    amount: 0,
    entry: (base) => {
      const key = calendarRuleKey({ ...birthdayRule });
      const day = localDate(new Date(base.occurredAt), SHOP_ZONE);
      return {
        id: `cal:${key}:${base.customerId}:${day}`,
        type: calendarDueEventType,
        customerId: base.customerId,
        occurredAt: base.occurredAt,
        data: { rule: key, on: day },
      };
    },
    expected: { exitNodeId: 'done', reason: 'exit-node' },
    messages: [['sms', 'birthday-sms']],
  },
  {
    // Entered the way the calendar job enrols for a festival: a calendar.due event of the festival
    // rule, naming the festival's year; then a wait for an official working day's hours.
    name: 'trigger-festival',
    journey: festivalTriggerJourney('trigger-festival'),
    amount: 0,
    entry: (base) => {
      const key = festivalRuleKey({ ...midAutumnRule });
      const day = localDate(new Date(base.occurredAt), SHOP_ZONE);
      const year = Number(day.slice(0, 4));
      return {
        id: `fest:${key}:${base.customerId}:${year}`,
        type: calendarDueEventType,
        customerId: base.customerId,
        occurredAt: base.occurredAt,
        data: { rule: key, on: day, year },
      };
    },
    expected: { exitNodeId: 'done', reason: 'exit-node' },
    messages: [['sms', 'festival-sms']],
  },
  {
    // Entered the way a broadcast page enrols: a broadcast.due event naming the journey.
    name: 'trigger-broadcast',
    journey: (now) => broadcastJourney('trigger-broadcast', `${localDate(new Date(now), SHOP_ZONE)}T${hhmm(localHour(now))}`),
    amount: 0,
    entry: (base, journey) => ({
      id: `bc:${journey.id}:1:${base.customerId}`,
      type: broadcastDueEventType,
      customerId: base.customerId,
      occurredAt: base.occurredAt,
      data: { journeyId: journey.id, version: 1, nodeId: 'trigger' },
    }),
    expected: { exitNodeId: 'done', reason: 'exit-node' },
    messages: [['sms', 'sale-sms']],
  },
  {
    // Entered the way a facts refresh announces a segment's new member: a segment.entered event.
    name: 'trigger-segment',
    journey: segmentJourney('trigger-segment'),
    amount: 0,
    entry: (base) => ({
      id: `segment:seg_oily:${base.customerId}:entered:${base.occurredAt.slice(0, 10)}`,
      type: segmentEnteredEventType,
      customerId: base.customerId,
      occurredAt: base.occurredAt,
      data: { segmentId: 'seg_oily' },
    }),
    expected: { exitNodeId: 'done', reason: 'exit-node' },
    messages: [['sms', 'welcome-sms']],
  },
];

export const settingScenarios: Scenario[] = [
  {
    // The order is paid a day into the three-day wait: the exit criteria end the wait at once.
    name: 'exit-when-paid',
    journey: exitWhenJourney('exit-when-paid'),
    amount: 128,
    drive: async ({ env, handle, entry }) => {
      await env.sleep('1 day');
      const at = new Date(await env.currentTimeMs()).toISOString();
      await handle.signal(eventSignal, { id: `${entry.id}-paid`, type: 'order.paid', customerId: entry.customerId, occurredAt: at, data: { ...entry.data } });
    },
    expected: { exitNodeId: REMINDER_WAIT_NODE, reason: 'exit-when order.paid' },
    messages: [],
  },
  {
    // The order is cancelled an hour into waiting for its payment: the exit criteria end that wait.
    name: 'exit-when-cancelled',
    journey: cancelExitJourney('exit-when-cancelled'),
    amount: 128,
    drive: async ({ env, handle, entry }) => {
      await env.sleep('1 hour');
      const at = new Date(await env.currentTimeMs()).toISOString();
      await handle.signal(eventSignal, {
        id: `${entry.id}-cancelled`,
        type: 'order.cancelled',
        customerId: entry.customerId,
        occurredAt: at,
        data: { ...entry.data },
      });
    },
    expected: { exitNodeId: AWAIT_PAYMENT_NODE, reason: 'exit-when order.cancelled' },
    messages: [],
  },
  {
    // The journey is stopped a day into the three-day wait: the customer leaves from the wait.
    name: 'stopped-mid-wait',
    journey: stoppableJourney('stopped-mid-wait'),
    amount: 128,
    drive: async ({ env, handle }) => {
      await env.sleep('1 day');
      await handle.signal(stopSignal);
    },
    expected: { exitNodeId: REMINDER_WAIT_NODE, reason: 'stopped' },
    messages: [],
  },
  {
    // The shop's quiet hours cover the moment of sending: the outbox holds the SMS until they end.
    name: 'quiet-hours-held',
    journey: quietHoursJourney('quiet-hours-held'),
    profile: { timezone: SHOP_ZONE },
    amount: 128,
    setup: async ({ settings }, now) => {
      const shop = await settings.shop();
      const hour = localHour(now);
      await settings.putShop({
        ...shop,
        timezone: SHOP_ZONE,
        messaging: { ...shop.messaging, quietHours: { from: hhmm(hour - 1), to: hhmm(hour + 2), mode: 'hold' } },
      });
    },
    expected: { exitNodeId: 'done', reason: 'exit-node' },
    messages: [['sms', 'promo-sms']],
    check: async ({ db, settings }, customerId) => {
      const row = await db
        .selectFrom('messages')
        .select(['status', 'guard_reason', sql<boolean>`next_attempt_at > created_at`.as('later')])
        .where('customer_id', '=', customerId)
        .executeTakeFirstOrThrow();
      expect('held message', row, { status: 'queued', guard_reason: 'quiet-hours', later: true });
      // The other scenarios send without quiet hours.
      const shop = await settings.shop();
      await settings.putShop({ ...shop, messaging: { ...shop.messaging, quietHours: null } });
    },
  },
];
