import type { NodeRegistry } from '../engine/index';
import type { Customers } from '../server/store/customers';
import type { Enrolments } from '../server/store/enrolments';
import type { Outbox } from '../server/store/outbox';
import type { ActionInput, ExitInput } from './shared';

export interface ActivityDeps {
  registry: NodeRegistry;
  customers: Pick<Customers, 'profile'>;
  outbox: Pick<Outbox, 'enqueue'>;
  enrolments: Pick<Enrolments, 'recordExit'>;
}

/**
 * The journey workflow's activities, built from their dependencies so tests can hand in others
 * of the same type. Activities are where I/O happens; their results are recorded in history.
 */
export function createActivities(deps: ActivityDeps) {
  return {
    /** The customer's profile, read fresh when a decision or action needs it. */
    async loadCustomer(customerId: string): Promise<Record<string, unknown> & { id: string }> {
      return deps.customers.profile(customerId);
    },

    /** Runs an action node's handler. The outbox's idempotency key makes a retry harmless. */
    async runAction(input: ActionInput): Promise<{ port?: string; summary?: string }> {
      const def = deps.registry.require(input.nodeType);
      if (def.behaviour.kind !== 'action') throw new Error(`node type ${input.nodeType} is not an action`);
      const customer = await deps.customers.profile(input.customerId);
      return def.behaviour.run(def.config.parse(input.config), {
        journeyId: input.journeyId,
        journeyVersion: input.journeyVersion,
        nodeId: input.nodeId,
        idempotencyKey: input.idempotencyKey,
        customer,
        event: input.entry,
        services: { dispatchMessage: (m) => deps.outbox.enqueue(m) },
      });
    },

    async recordExit(input: ExitInput): Promise<void> {
      await deps.enrolments.recordExit(input.workflowId, `${input.reason}:${input.nodeId}`);
    },
  };
}

export type JourneyActivities = ReturnType<typeof createActivities>;
