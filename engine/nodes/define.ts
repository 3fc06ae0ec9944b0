import type { z } from 'zod';
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

/** The services an action may use; provided by the worker, faked in tests with the same type. */
export interface ActionServices {
  dispatchMessage(message: OutgoingMessage): Promise<{ messageId: string; duplicate: boolean }>;
}

export interface OutgoingMessage {
  idempotencyKey: string;
  channel: string;
  /** null when the customer has no address on this channel; the outbox records it as skipped. */
  recipient: string | null;
  subject?: string | undefined;
  text: string;
  journeyId: string;
  journeyVersion: number;
  nodeId: string;
  customerId: string;
}

export interface ActionContext {
  journeyId: string;
  journeyVersion: number;
  nodeId: string;
  /** Unique per enrolment, node and visit: the outbox refuses a second send with it. */
  idempotencyKey: string;
  customer: Record<string, unknown> & { id: string };
  event: CustomerEvent;
  services: ActionServices;
}

export interface ActionResult {
  /** The output port to follow; defaults to `next`. */
  port?: string;
  /** Short, PII-free summary for the journey's step log. */
  summary?: string;
}

/**
 * How a node behaves, as one of the primitives the runtime knows. The runtime (a Temporal
 * workflow, the simulator) implements each primitive once; node types only choose and configure.
 */
export type NodeBehaviour<C> =
  | { kind: 'trigger'; eventType: (config: C) => string; accepts: (config: C, event: CustomerEvent) => Promise<boolean>; entryKey: (config: C, event: CustomerEvent) => string | undefined }
  | { kind: 'sleep'; durationMs: (config: C) => number }
  | { kind: 'waitForEvent'; wait: (config: C) => EventWait }
  | { kind: 'decide'; decide: (config: C, facts: DecisionFacts) => Promise<string> }
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
  behaviour: NodeBehaviour<z.infer<S>>;
  /** Facts the node's conditions reference, for validation against the catalog. */
  conditions?: (config: z.infer<S>) => { condition: TopLevelCondition; path: (string | number)[] }[];
}

/** Defines a node type. Built-ins use exactly this, as will plugins. */
export function defineNode<S extends z.ZodType>(definition: NodeDefinition<S>): NodeDefinition<S> {
  return definition;
}
