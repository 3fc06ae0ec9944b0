import type { CustomerEvent } from '../events/schema';
import type { Instruction } from '../interpreter/interpreter';
import type { Journey } from '../journey/schema';
import type { ActionContext, ActionResult, ActionServices, IssuedCoupon } from '../nodes/define';

/**
 * What an action step hands its runtime: in production the input of the runAction activity (it
 * is in workflow histories, so its shape is a stored contract), in the simulator the same.
 */
export interface ActionInput {
  journeyId: string;
  journeyVersion: number;
  nodeId: string;
  nodeType: string;
  /** The node type's version the journey was published with; absent in older documents (version 1). */
  typeVersion?: number;
  config: unknown;
  idempotencyKey: string;
  customerId: string;
  entry: CustomerEvent;
  /** The journey's priority; absent in histories recorded before priorities existed. */
  priority?: number | undefined;
  sendRate?: { max: number; per: string } | undefined;
}

/** What running an action came to: its result, or `failed` with the error's type when it failed for good. */
export type ActionOutcome = Pick<ActionResult, 'port' | 'summary' | 'retryAt' | 'refused'> | { failed: string };

type ActionStep = Extract<Instruction, { kind: 'action' }>;

/** The input of one action visit of the customer who entered with `entry`. */
export function actionInput(journey: Journey, version: number, step: ActionStep, idempotencyKey: string, entry: CustomerEvent): ActionInput {
  return {
    journeyId: journey.id,
    journeyVersion: version,
    nodeId: step.nodeId,
    nodeType: step.nodeType,
    ...(step.typeVersion !== undefined ? { typeVersion: step.typeVersion } : {}),
    config: step.config,
    idempotencyKey,
    customerId: entry.customerId,
    entry,
    priority: journey.settings.priority,
    ...(journey.settings.sendRate ? { sendRate: journey.settings.sendRate } : {}),
  };
}

/** The context an action's behaviour runs with, from its input and what the runtime has at hand. */
export function actionContext(
  input: ActionInput,
  runtime: { now: number; customer: Record<string, unknown> & { id: string }; services: ActionServices; coupon: IssuedCoupon | undefined },
): ActionContext {
  return {
    journeyId: input.journeyId,
    journeyVersion: input.journeyVersion,
    nodeId: input.nodeId,
    idempotencyKey: input.idempotencyKey,
    // Journeys published before priorities existed rank in the middle.
    priority: input.priority ?? 5,
    sendRate: input.sendRate,
    customer: runtime.customer,
    event: input.entry,
    now: runtime.now,
    services: runtime.services,
    coupon: runtime.coupon,
  };
}
