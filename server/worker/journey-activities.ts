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
  customers: Pick<Customers, 'profile'>;
  outbox: Pick<Outbox, 'enqueue'>;
  enrolments: Pick<Enrolments, 'recordExit'>;
  facts: { forCustomer(customerId: string): Promise<{ facts: CustomerFacts } | undefined> };
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
  const loadCustomer = async (customerId: string) => {
    const [profile, found] = await Promise.all([deps.customers.profile(customerId), deps.facts.forCustomer(customerId)]);
    return found ? { ...profile, facts: found.facts } : profile;
  };
  return {
    async loadCustomer(customerId: string): Promise<Record<string, unknown> & { id: string }> {
      return loadCustomer(customerId);
    },

    async runAction(input: ActionInput): Promise<ActionResult> {
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
        loadCustomer(input.customerId),
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

    async recordExit(input: ExitInput): Promise<void> {
      await deps.enrolments.recordExit(input.workflowId, `${input.reason}:${input.nodeId}`);
    },

    async reportSteps(input: StepReportInput): Promise<void> {
      await deps.stepLog?.report(input);
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
