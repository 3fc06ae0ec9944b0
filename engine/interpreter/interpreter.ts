import type { CustomerEvent } from '../events/schema';
import { orderIdOf } from '../events/schema';
import type { Journey } from '../journey/schema';
import { z } from 'zod';
import type { ActivityOptions, DecisionFacts, EventWait, NodeDefinition, SleepEnd, WaitContext } from '../nodes/define';
import type { NodeRegistry } from '../nodes/registry';
import { evaluateCondition } from '../rules/evaluate';
import { decisionFacts } from '../facts/decision-facts';

/** Where a customer is in a journey. Plain JSON: it travels through continue-as-new. */
export interface RunState {
  cursor: string;
  /** How many times each node has been entered; part of every action's idempotency key. */
  visits: Record<string, number>;
  /** Steps taken since the last wait; a guard against loops that validation should have caught. */
  stepsSinceWait: number;
}

/** What the runtime must do next. The runtime knows these primitives and nothing of node types. */
export type Instruction =
  | { kind: 'sleep'; nodeId: string; needsCustomer: boolean }
  | { kind: 'waitForEvent'; nodeId: string; wait: EventWait }
  | { kind: 'decide'; nodeId: string }
  | {
      kind: 'action';
      nodeId: string;
      nodeType: string;
      config: unknown;
      visit: number;
      /** The version published (absent in documents older than versions: version 1). */
      typeVersion?: number;
      /** The activity options published with the node (plugins); absent: the workflow's defaults. */
      activity?: ActivityOptions;
    }
  | { kind: 'exit'; nodeId: string; reason: 'exit-node' | 'step-limit' };

export const MAX_STEPS_WITHOUT_WAIT = 200;

interface CompiledNode {
  def: NodeDefinition;
  config: unknown;
  typeVersion?: number | undefined;
  activity?: ActivityOptions | undefined;
}

/**
 * The journey interpreter: pure functions from (journey, state, outcome) to the next state and
 * instruction. Temporal workflows and the simulator drive it; it performs no I/O and reads no clock.
 */
export class Interpreter {
  readonly #nodes = new Map<string, CompiledNode>();
  readonly #next = new Map<string, string>();
  readonly triggerId: string;

  /**
   * The journey must have passed validateJourney; this throws on what validation reports.
   * `opaqueActions`: node types the registry does not know are taken as actions with their config
   * as stored. The workflow bundle uses this: plugin actions run in activities, where the worker's
   * full registry checks and executes them, so the bundle never has to contain plugin code.
   */
  constructor(
    readonly journey: Journey,
    registry: NodeRegistry,
    options: { opaqueActions?: boolean } = {},
  ) {
    let trigger: string | undefined;
    for (const node of journey.nodes) {
      const def =
        registry.get(node.type, node.typeVersion) ?? (options.opaqueActions ? opaqueAction(node.type) : registry.require(node.type, node.typeVersion));
      this.#nodes.set(node.id, { def, config: def.config.parse(node.config), typeVersion: node.typeVersion, activity: node.activity });
      if (def.category === 'trigger') trigger = node.id;
    }
    if (!trigger) throw new Error(`journey ${journey.id} has no trigger`);
    this.triggerId = trigger;
    for (const e of journey.edges) this.#next.set(`${e.from}\u0000${e.port}`, e.to);
  }

  node(id: string): CompiledNode {
    const n = this.#nodes.get(id);
    if (!n) throw new Error(`journey ${this.journey.id} has no node ${id}`);
    return n;
  }

  /** The state of a customer who has just entered: past the trigger, at its `next` node. */
  enter(): RunState {
    return this.advance({ cursor: this.triggerId, visits: { [this.triggerId]: 1 }, stepsSinceWait: 0 }, 'next');
  }

  /**
   * Follows `port` out of the current node. Leaving a wait resets the loop guard; a sleep that
   * went on without a timer (a time already past) passes `waited: false` so a loop through it
   * still meets the step limit.
   */
  advance(state: RunState, port: string, waited = this.node(state.cursor).def.category === 'wait'): RunState {
    const to = this.#next.get(`${state.cursor}\u0000${port}`);
    if (to === undefined) throw new Error(`node ${state.cursor} has no edge on port "${port}"`);
    return {
      cursor: to,
      visits: { ...state.visits, [to]: (state.visits[to] ?? 0) + 1 },
      stepsSinceWait: waited ? 0 : state.stepsSinceWait + 1,
    };
  }

  /** What to do at the current node. */
  instruction(state: RunState): Instruction {
    const nodeId = state.cursor;
    if (state.stepsSinceWait > MAX_STEPS_WITHOUT_WAIT) return { kind: 'exit', nodeId, reason: 'step-limit' };
    const { def, config, typeVersion, activity } = this.node(nodeId);
    const b = def.behaviour;
    switch (b.kind) {
      case 'sleep':
        return { kind: 'sleep', nodeId, needsCustomer: b.needsCustomer?.(config) ?? false };
      case 'waitForEvent':
        return { kind: 'waitForEvent', nodeId, wait: b.wait(config) };
      case 'decide':
        return { kind: 'decide', nodeId };
      case 'action':
        return {
          kind: 'action',
          nodeId,
          nodeType: def.type,
          config,
          visit: state.visits[nodeId] ?? 1,
          ...(typeVersion !== undefined ? { typeVersion } : {}),
          ...(activity ? { activity } : {}),
        };
      case 'exit':
        return { kind: 'exit', nodeId, reason: 'exit-node' };
      case 'trigger':
        throw new Error(`node ${nodeId} is a trigger and cannot be reached from another node`);
    }
  }

  /** When a sleep at the current node ends, as epoch ms. */
  wakeAt(state: RunState, ctx: WaitContext): number {
    return this.sleepEnd(state, ctx).at;
  }

  /** When a sleep at the current node ends and the port it goes on by (`next` unless the node says). */
  sleepEnd(state: RunState, ctx: WaitContext): SleepEnd {
    const { def, config } = this.node(state.cursor);
    if (def.behaviour.kind !== 'sleep') throw new Error(`node ${state.cursor} is not a sleep`);
    const end = def.behaviour.wakeAt(config, ctx);
    return typeof end === 'number' ? { at: end, port: 'next' } : end;
  }

  /** The port a decision node takes for these facts. `facts.customer.id` names who decides. */
  async decide(state: RunState, facts: DecisionFacts): Promise<string> {
    const { def, config } = this.node(state.cursor);
    if (def.behaviour.kind !== 'decide') throw new Error(`node ${state.cursor} is not a decision`);
    const customer = facts.customer as { id?: unknown } | undefined;
    const customerId = typeof customer?.id === 'string' ? customer.id : '';
    return def.behaviour.decide(config, facts, { journeyId: this.journey.id, nodeId: state.cursor, customerId });
  }
}

/** Whether `event` ends a wait-for-event step of a customer who entered with `entry`. */
export async function eventMatchesWait(wait: EventWait, event: CustomerEvent, entry: CustomerEvent): Promise<boolean> {
  if (event.type !== wait.eventType) return false;
  if (wait.sameOrder && orderIdOf(event) !== orderIdOf(entry)) return false;
  if (!wait.condition) return true;
  return evaluateCondition(wait.condition, decisionFacts({ event: entry, lastEvent: event, customer: { id: entry.customerId } }));
}

/** Stands in for a plugin action type inside the workflow bundle (see the constructor). */
function opaqueAction(type: string): NodeDefinition {
  return {
    type,
    version: 0,
    category: 'action',
    labels: { 'zh-CN': { title: type, description: '' }, en: { title: type, description: '' } },
    config: z.record(z.string(), z.unknown()),
    ports: () => [],
    behaviour: {
      kind: 'action',
      run: () => Promise.reject(new Error(`action ${type} runs in an activity`)),
    },
  };
}
