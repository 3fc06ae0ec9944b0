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

export interface ActivityDeps {
  registry: NodeRegistry;
  customers: Pick<Customers, 'profile'> & Partial<Pick<Customers, 'profiles'>>;
  outbox: Pick<Outbox, 'enqueue'>;
  enrolments: Pick<Enrolments, 'recordExit'>;
  facts: {
    forCustomer(customerId: string): Promise<{ facts: CustomerFacts } | undefined>;
    /** Many at once (a cohort's chunk); absent, one at a time. */
    forCustomers?(customerIds: readonly string[]): Promise<Map<string, { facts: CustomerFacts }>>;
  };
  /** Everything actions use besides the outbox (server/worker/action-services.ts). */
  services: Omit<ActionServices, 'dispatchMessage'>;
  /** The coupon issued earlier in an enrolment, for templates (absent: templates see none). */
  issuedCoupons?: { latestInEnrolment(customerId: string, keyPrefix: string): Promise<IssuedCoupon | undefined> };
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

/** A customer's and an action's work, shared by the journey's activities and the cohort's (which load many customers at once and hand each in). */
export interface JourneyWork {
  loadCustomer(customerId: string): Promise<LoadedCustomer>;
  /** Profiles and facts of many customers, read together, each as `loadCustomer` gives it. */
  loadCustomers(customerIds: readonly string[]): Promise<Map<string, LoadedCustomer>>;
  /** Runs an action node's handler, for `customer` when the caller loaded it already. */
  runAction(input: ActionInput, customer?: LoadedCustomer): Promise<ActionResult>;
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
  return {
    loadCustomer,
    loadCustomers,
    async runAction(input: ActionInput, loaded?: LoadedCustomer): Promise<ActionResult> {
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
      const prefix = enrolmentKeyPrefix(input.idempotencyKey);
      const [customer, coupon] = await Promise.all([
        loaded ?? loadCustomer(input.customerId),
        prefix && deps.issuedCoupons ? deps.issuedCoupons.latestInEnrolment(input.customerId, prefix) : undefined,
      ]);
      return def.behaviour.run(
        def.config.parse(input.config),
        actionContext(input, {
          now,
          customer,
          // Messages carry the runtime's time: quiet hours, caps and the outbox's record read it.
          services: { ...deps.services, dispatchMessage: (m) => deps.outbox.enqueue({ at: now, ...m }) },
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
