import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import {
  actionContext,
  enrolmentKeyPrefix,
  type ActionResult,
  type ActionServices,
  type CustomerFacts,
  type IssuedCoupon,
  type NodeRegistry,
} from '../../engine/index';
import type { JourneyActivities } from '../../workflows/activities';
import type { ActionInput, ExitInput, StepReportInput } from '../../workflows/shared';
import type { Customers } from '../customers/customers';
import type { Enrolments } from '../journeys/enrolments';
import type { Outbox } from '../messaging/outbox';
import type { StepLog } from '../journeys/step-log';
import { GatheredOutbox } from './gathered-outbox';

export interface ActivityDeps {
  registry: NodeRegistry;
  customers: Pick<Customers, 'profile'> & Partial<Pick<Customers, 'profiles'>>;
  /** With `enqueueMany`, a cohort's members' messages go to the outbox in batches (gatherOutbox). */
  outbox: Pick<Outbox, 'enqueue'> & Partial<Pick<Outbox, 'enqueueMany'>>;
  enrolments: Pick<Enrolments, 'recordExit'>;
  facts: {
    forCustomer(customerId: string): Promise<{ facts: CustomerFacts } | undefined>;
    /** Many at once (a cohort's chunk); absent, one at a time. */
    forCustomers?(customerIds: readonly string[]): Promise<Map<string, { facts: CustomerFacts }>>;
  };
  /** Everything actions use besides the outbox (server/worker/action-services.ts). */
  services: Omit<ActionServices, 'dispatchMessage'>;
  /** The coupon issued earlier in an enrolment, for templates (absent: templates see none). */
  issuedCoupons?: {
    latestInEnrolment(customerId: string, keyPrefix: string): Promise<IssuedCoupon | undefined>;
    /** Many enrolments' at once (a cohort's chunk); absent, one at a time. */
    latestInEnrolments?(asked: readonly { customerId: string; keyPrefix: string }[]): Promise<(IssuedCoupon | undefined)[]>;
  };
  /** Where the steps customers take are counted (absent: reports are dropped, as in some test rigs). */
  stepLog?: Pick<StepLog, 'report'>;
}

/**
 * The journey workflow's activities (workflows/activities.ts), built from their dependencies so
 * tests can hand in others of the same type. Activities are where I/O happens; their results are
 * recorded in history.
 */
export function createActivities(deps: ActivityDeps): JourneyActivities {
  const work = createJourneyWork(deps);
  return {
    loadCustomer: (customerId) => work.loadCustomer(customerId),
    runAction: (input) => work.runAction(input),

    async recordExit(input: ExitInput): Promise<void> {
      await deps.enrolments.recordExit(input.workflowId, `${input.reason}:${input.nodeId}`);
    },

    async reportSteps(input: StepReportInput): Promise<void> {
      await deps.stepLog?.report(input);
    },
  };
}

type LoadedCustomer = Record<string, unknown> & { id: string };

/** What an action reads before it runs, when the caller read it already for many (a cohort's chunk). */
export interface ActionReads {
  customer: LoadedCustomer;
  /** The coupon the enrolment issued last, for templates. */
  coupon: IssuedCoupon | undefined;
}

/** A customer's and an action's work, shared by the journey's activities and the cohort's (which load many customers at once and hand each in). */
export interface JourneyWork {
  loadCustomer(customerId: string): Promise<LoadedCustomer>;
  /** Profiles and facts of many customers, read together, each as `loadCustomer` gives it. */
  loadCustomers(customerIds: readonly string[]): Promise<Map<string, LoadedCustomer>>;
  /** What many actions read before they run, in a statement or two: each as `runAction` would read it. */
  readForActions(inputs: readonly ActionInput[]): Promise<ActionReads[]>;
  /** Runs an action node's handler, with what it reads when the caller read it already, and its messages to `outbox` when given. */
  runAction(input: ActionInput, reads?: ActionReads, outbox?: Pick<Outbox, 'enqueue'>): Promise<ActionResult>;
  /** An outbox for actions running side by side: their messages are stored together, each as `enqueue` would store it. */
  gatherOutbox(): Pick<Outbox, 'enqueue'>;
}

export function createJourneyWork(deps: ActivityDeps): JourneyWork {
  const loadCustomer = async (customerId: string): Promise<LoadedCustomer> => {
    const [profile, found] = await Promise.all([deps.customers.profile(customerId), deps.facts.forCustomer(customerId)]);
    return found ? { ...profile, facts: found.facts } : profile;
  };
  const loadCustomers = async (ids: readonly string[]): Promise<Map<string, LoadedCustomer>> => {
    const { profiles } = deps.customers;
    const { forCustomers } = deps.facts;
    if (!profiles || !forCustomers) return new Map(await Promise.all(ids.map(async (id) => [id, await loadCustomer(id)] as const)));
    const [found, facts] = await Promise.all([profiles.call(deps.customers, ids), forCustomers.call(deps.facts, ids)]);
    const loaded = new Map<string, LoadedCustomer>();
    for (const id of ids) {
      const profile = found.get(id) ?? { id };
      const f = facts.get(id);
      loaded.set(id, f ? { ...profile, facts: f.facts } : profile);
    }
    return loaded;
  };
  const couponOf = (input: ActionInput): Promise<IssuedCoupon | undefined> => {
    const prefix = enrolmentKeyPrefix(input.idempotencyKey);
    return prefix && deps.issuedCoupons ? deps.issuedCoupons.latestInEnrolment(input.customerId, prefix) : Promise.resolve(undefined);
  };
  /** Each input's coupon, in one statement when the store reads many at once; inputs whose key names no enrolment have none. */
  const couponsOf = async (inputs: readonly ActionInput[]): Promise<(IssuedCoupon | undefined)[]> => {
    const issued = deps.issuedCoupons;
    if (!issued?.latestInEnrolments) return Promise.all(inputs.map(couponOf));
    const asked = inputs.flatMap((input, i) => {
      const keyPrefix = enrolmentKeyPrefix(input.idempotencyKey);
      return keyPrefix ? [{ i, customerId: input.customerId, keyPrefix }] : [];
    });
    const found = await issued.latestInEnrolments(asked);
    const coupons = new Array<IssuedCoupon | undefined>(inputs.length);
    asked.forEach((a, j) => (coupons[a.i] = found[j]));
    return coupons;
  };
  const readForActions = async (inputs: readonly ActionInput[]): Promise<ActionReads[]> => {
    const [customers, coupons] = await Promise.all([loadCustomers([...new Set(inputs.map((i) => i.customerId))]), couponsOf(inputs)]);
    return inputs.map((input, i) => ({ customer: customers.get(input.customerId)!, coupon: coupons[i] }));
  };
  return {
    loadCustomer,
    loadCustomers,
    readForActions,
    gatherOutbox: () => (deps.outbox.enqueueMany ? new GatheredOutbox(deps.outbox as Pick<Outbox, 'enqueueMany'>) : deps.outbox),
    async runAction(input: ActionInput, reads?: ActionReads, outbox: Pick<Outbox, 'enqueue'> = deps.outbox): Promise<ActionResult> {
      // The version the journey was published with; documents older than versions mean 1.
      const version = input.typeVersion ?? 1;
      const def = deps.registry.get(input.nodeType, version);
      if (!def) {
        // Retrying cannot install it: fail the step at once with what the operator must do.
        const installed = deps.registry.versions(input.nodeType);
        throw ApplicationFailure.nonRetryable(
          installed.length === 0
            ? `node type "${input.nodeType}" is not installed in this worker (is its plugin in the manifest?)`
            : `node type "${input.nodeType}" version ${version} is not installed (installed: ${installed.join(', ')}); keep the old version in the plugins manifest while journeys published with it run`,
          'NodeVersionNotInstalled',
        );
      }
      if (def.behaviour.kind !== 'action') throw ApplicationFailure.nonRetryable(`node type ${input.nodeType} is not an action`, 'NotAnAction');
      const now = runtimeNow();
      const [customer, coupon] = reads ? [reads.customer, reads.coupon] : await Promise.all([loadCustomer(input.customerId), couponOf(input)]);
      return def.behaviour.run(
        def.config.parse(input.config),
        actionContext(input, {
          now,
          customer,
          // Messages carry the runtime's time: quiet hours, caps and the outbox's record read it.
          services: { ...deps.services, dispatchMessage: (m) => outbox.enqueue({ at: now, ...m }) },
          coupon,
        }),
      );
    },
  };
}

/**
 * The time as the journey sees it: when Temporal scheduled this attempt. In production that is
 * the wall clock within moments; on the time-skipping test server it is the virtual clock, so
 * tests of multi-day journeys see messages on the right virtual day. Outside an activity: now.
 */
function runtimeNow(): number {
  try {
    return Context.current().info.currentAttemptScheduledTimestampMs;
  } catch {
    return Date.now();
  }
}
