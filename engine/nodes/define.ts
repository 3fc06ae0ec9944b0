import type { z } from 'zod';
import type { ChannelDefinition } from '../channels/define';
import type { QuietHoursChoice } from '../guardrails/quiet-hours';
import { activityOptions, type ActivitySpec } from './activity';
import type { CustomerEvent } from '../events/schema';
import type { TopLevelCondition } from '../rules/conditions';

export type Locale = 'zh-CN' | 'en';
export const locales: Locale[] = ['zh-CN', 'en'];

export interface NodeLabels {
  title: string;
  description: string;
  /** Labels of the output ports, e.g. { yes: '是', no: '否' }. */
  ports?: Record<string, string>;
}

export type NodeCategory = 'trigger' | 'wait' | 'decision' | 'action' | 'flow';

/** What a wait-for-event step waits for, as the runtime needs it. */
export interface EventWait {
  eventType: string;
  timeoutMs: number;
  /** Only events about the same order as the entry event count (the payment-reminder case). */
  sameOrder: boolean;
  condition?: TopLevelCondition | undefined;
}

/** The facts a decision sees; loaded fresh by the runtime when the decision is reached. */
export type DecisionFacts = Record<string, unknown>;

/**
 * The services an action may use; provided by the worker (server/worker/action-services.ts), replaced
 * in tests and the simulator by others of the same type. Every mutation takes the action's
 * idempotency key so a retried activity does its work once.
 */
export interface ActionServices {
  dispatchMessage(message: OutgoingMessage): Promise<DispatchResult>;
  /** Changes to the customer record: tags, attributes, tier. */
  customers: CustomerMutations;
  /** Coupons: issue one code to a customer from a campaign's pool or generated. */
  coupons: CouponService;
  /** Outbound HTTP with the private-address guard (webhooks, plugin robots). */
  http: HttpService;
}

export interface DispatchResult {
  messageId: string;
  duplicate: boolean;
  /** What the outbox did with it: `queued`, `held` (quiet hours), `capped`, `skipped_quiet_hours`, … */
  status?: string;
}

export interface CustomerMutations {
  addTags(customerId: string, tags: string[], idempotencyKey: string): Promise<void>;
  removeTags(customerId: string, tags: string[], idempotencyKey: string): Promise<void>;
  setAttribute(customerId: string, name: string, value: unknown, idempotencyKey: string): Promise<void>;
  /** Raises the stored tier to at least `tier`; never lowers it. */
  raiseTier(customerId: string, tier: string, idempotencyKey: string): Promise<{ tier: string; changed: boolean }>;
}

export interface IssuedCoupon {
  code: string;
  campaignId: string;
  /** ISO 8601 instant. */
  expiresAt: string;
  /** Face value in yuan, or null for a percentage coupon. */
  amount: number | null;
}

export interface CouponService {
  /** Issues a coupon of `campaignId` to the customer; the same key returns the same coupon. `null` when a cap is reached. */
  issue(campaignId: string, customerId: string, idempotencyKey: string): Promise<IssuedCoupon | null>;
}

export interface HttpService {
  /**
   * POSTs JSON. Refuses private, loopback and link-local addresses unless allow-listed by the
   * operator; throws on a non-2xx answer so the activity retries.
   */
  postJson(url: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: string }>;
}

export interface OutgoingMessage {
  idempotencyKey: string;
  channel: string;
  /** null when the customer has no address on this channel; the outbox records it as skipped. */
  recipient: string | null;
  subject?: string | undefined;
  text: string;
  /**
   * An SMS sent as a provider template (Aliyun, Tencent): its code and the value of each variable,
   * rendered from the step's mapping. `text` then says the same for people reading the outbox.
   */
  smsTemplate?: { code: string; params: Record<string, string> } | undefined;
  journeyId: string;
  journeyVersion: number;
  nodeId: string;
  customerId: string;
  /**
   * Guardrails (engine/guardrails). A `marketing` message obeys the shop's quiet hours and
   * frequency caps; a `transactional` one (the default, e.g. a staff task) bypasses both.
   */
  guard?: MessageGuard | undefined;
  /** When the journey sends it (epoch ms, the runtime's clock); the outbox's own clock when absent. */
  at?: number | undefined;
}

export interface MessageGuard {
  category: 'marketing' | 'transactional';
  /** The sending journey's priority (1–10): decides which message goes when a cap bites. */
  priority: number;
  /** `shop`: the shop's quiet-hours setting; `hold` / `skip` override its mode; `ignore` sends anyway. */
  quietHours: QuietHoursChoice;
  /** The customer's time zone, for quiet hours; the shop's when absent. */
  timezone?: string | undefined;
  /** The journey's send rate (settings.sendRate): messages beyond it wait for the next window. */
  sendRate?: { max: number; per: string } | undefined;
}

export interface ActionContext {
  journeyId: string;
  journeyVersion: number;
  nodeId: string;
  /** Unique per enrolment, node and visit: the outbox refuses a second send with it. */
  idempotencyKey: string;
  /** The journey's priority (settings.priority), for frequency caps. */
  priority: number;
  /** The journey's send rate (settings.sendRate), if it has one. */
  sendRate?: { max: number; per: string } | undefined;
  /** The runtime's clock (epoch ms): workflow time in Temporal, virtual time in the simulator. */
  now?: number | undefined;
  customer: Record<string, unknown> & { id: string };
  event: CustomerEvent;
  services: ActionServices;
  /** The latest coupon issued to the customer earlier in this enrolment, for message templates. */
  coupon?: IssuedCoupon | undefined;
}

export interface ActionResult {
  /** The output port to follow; defaults to `next`. */
  port?: string;
  /** Short, PII-free summary for the journey's step log. */
  summary?: string;
  /**
   * Set when the action did not do its work for a reason the shop set, not a fault (a coupon
   * campaign used up): the customer goes on, and the step counts a refusal in its figures.
   * A short code, e.g. `coupon_exhausted`.
   */
  refused?: string;
  /**
   * Run the action again at this instant (ISO 8601) instead of going on: quiet hours hold a
   * message until the window opens. The runtime sleeps and repeats the same visit.
   */
  retryAt?: string;
}

/** What a sleep computes its wake-up time from. */
export interface WaitContext {
  /** The current instant (workflow time in Temporal, virtual time in the simulator). */
  now: number;
  /** The customer's time zone when known, else the journey's (the shop's). */
  timezone: string;
  /** The customer's profile with `facts`, present when the node said it needs it. */
  customer?: (Record<string, unknown> & { id: string }) | undefined;
  /** The event that enrolled the customer. */
  entry: CustomerEvent;
}

/** When a sleep ends and by which port the customer goes on. */
export interface SleepEnd {
  at: number;
  port: string;
}

/** Who is deciding, for decisions that must be stable per customer (random splits). */
export interface DecideContext {
  journeyId: string;
  nodeId: string;
  customerId: string;
}

/** Which journey a trigger decides for. */
export interface TriggerContext {
  journeyId: string;
}

/**
 * How a node behaves, as one of the primitives the runtime knows. The runtime (a Temporal
 * workflow, the simulator) implements each primitive once; node types only choose and configure.
 */
export type NodeBehaviour<C> =
  | {
      kind: 'trigger';
      eventType: (config: C) => string;
      /** Whether the event enrols its customer; `context` says which journey asks (a broadcast's events are for its own journey only). */
      accepts: (config: C, event: CustomerEvent, context: TriggerContext) => Promise<boolean>;
      entryKey: (config: C, event: CustomerEvent) => string | undefined;
    }
  | {
      kind: 'sleep';
      /**
       * Epoch ms to wake at; at or before `now` means go on at once. Then the customer follows
       * `next`, or the port given with the time (a date the customer lacks takes `missing`).
       */
      wakeAt: (config: C, ctx: WaitContext) => number | SleepEnd;
      /** Whether wakeAt reads the customer (their time zone or a date attribute): the runtime then loads them first. */
      needsCustomer?: (config: C) => boolean;
    }
  | { kind: 'waitForEvent'; wait: (config: C) => EventWait }
  | { kind: 'decide'; decide: (config: C, facts: DecisionFacts, ctx: DecideContext) => Promise<string> }
  | { kind: 'action'; run: (config: C, ctx: ActionContext) => Promise<ActionResult> }
  | { kind: 'exit' };

export interface NodeDefinition<S extends z.ZodType = z.ZodType> {
  type: string;
  /** Bumped when behaviour changes; saved journeys keep the version they were drawn with. */
  version: number;
  category: NodeCategory;
  labels: Record<Locale, NodeLabels>;
  config: S;
  /** Output ports; may depend on the config (e.g. one per split branch). */
  ports: (config: z.infer<S>) => string[];
  /** Labels of config-named ports (split branches), shown instead of the port key; any language. */
  portLabels?: (config: z.infer<S>) => Record<string, string>;
  /**
   * Ports that must lead straight to an `exit` step (a random split's holdout): customers there
   * get nothing, and the exit they reach counts them. Validation reports any other target.
   */
  exitPorts?: (config: z.infer<S>) => string[];
  behaviour: NodeBehaviour<z.infer<S>>;
  /** Facts the node's conditions reference, for validation against the catalog. */
  conditions?: (config: z.infer<S>) => { condition: TopLevelCondition; path: (string | number)[] }[];
  /** A palette icon (an emoji or a short symbol); built-ins are told apart by category colour. */
  icon?: string;
  /**
   * How the runtime schedules an action's activity (timeout, retries). Absent: the workflow's
   * defaults. Stamped into each node of a published document, because the workflow bundle does
   * not contain plugin definitions.
   */
  activity?: ActivityOptions;
  /**
   * The channel one visit sends on (`sms`, `webhook`, …), or undefined when it sends nothing, for
   * the journey summary (engine/analysis). An action without it counts under its own type: a
   * plugin reaches outside Huitou, and the summary should rather count too much than too little.
   */
  sends?: (config: z.infer<S>) => string | undefined;
  /**
   * Channels this step brings with it (a plugin's own, e.g. `dingtalk`): their names, order and
   * preview join the built-in channels (engine/channels) wherever channels are listed.
   */
  channels?: ChannelDefinition[];
  /**
   * The longest a customer can stay in this step (ms), or `unknown` when it depends on the run
   * (a date ahead of `now`, unknown). For the journey summary; a sleep without it is `unknown`,
   * a wait for an event stays at most its timeout.
   */
  maxWaitMs?: (config: z.infer<S>, context: MaxWaitContext) => number | 'unknown';
  /**
   * Templates the step renders that are not fields of `format: 'template'` (a webhook's JSON body),
   * each with its path in the config: publish warns about variables nothing fills.
   */
  templates?: (config: z.infer<S>) => { path: (string | number)[]; text: string }[];
  /** URLs the step calls, with their paths in the config: publish warns about addresses outbound HTTP refuses. */
  outboundUrls?: (config: z.infer<S>) => { path: (string | number)[]; url: string }[];
}

/** What a node knows, before any customer runs, about how long its wait can be. */
export interface MaxWaitContext {
  /** The journey's (the shop's) time zone. */
  timezone: string;
  /** The instant the analysis is for (epoch ms); without it a wait until a fixed date is `unknown`. */
  now?: number | undefined;
  /** The longest the customer can have been in the journey on reaching the step (ms). */
  elapsedMs: number;
}

/**
 * Activity options in plain JSON (milliseconds), as they travel in a published document. The
 * journey workflow hands them to Temporal's proxyActivities for that node.
 */
export interface ActivityOptions {
  startToCloseTimeoutMs: number;
  retry: {
    maximumAttempts: number;
    initialIntervalMs: number;
    backoffCoefficient: number;
    maximumIntervalMs: number;
    /** Error names (`Error#name` or ApplicationFailure types) not to retry. */
    nonRetryableErrorTypes?: string[] | undefined;
  };
}

/** An action's work: a plain function of the config and the context. Throw to fail the attempt (it is retried). */
export type ActionRun<C> = (config: C, ctx: ActionContext) => Promise<ActionResult | void>;

/**
 * What a step's file writes, built-in or plugin: one vocabulary. An action gives `run`; the other
 * primitives give `behaviour`. Ports may be a list; activity options are written as durations.
 */
export type NodeSpec<S extends z.ZodType> = Omit<NodeDefinition<S>, 'behaviour' | 'ports' | 'activity'> & {
  /** Output ports: a list, or a function of the config (one per split branch). */
  ports: readonly string[] | ((config: z.infer<S>) => string[]);
  /** How the runtime schedules an action's activity; left out, the workflow's defaults. */
  activity?: ActivitySpec;
} & ({ run: ActionRun<z.infer<S>>; behaviour?: never } | { behaviour: Exclude<NodeBehaviour<z.infer<S>>, { kind: 'action' }>; run?: never });

/** Defines a node type: built-ins with exactly this; plugins through defineAction, which adds its checks. */
export function defineNode<S extends z.ZodType>(spec: NodeSpec<S>): NodeDefinition<S> {
  const { ports, activity, run, behaviour, ...rest } = spec;
  const fail = (field: string, reason: string): never => {
    throw new Error(`node type "${spec.type}": ${field} ${reason}`);
  };
  return {
    ...rest,
    ports: typeof ports === 'function' ? ports : () => [...ports],
    ...(activity ? { activity: activityOptions(activity, fail) } : {}),
    behaviour: run ? { kind: 'action', run: async (config, ctx) => (await run(config, ctx)) ?? {} } : behaviour!,
  };
}
