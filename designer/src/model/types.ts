import type { Edge, Node } from '@xyflow/react';
import type { Journey } from '../../../engine/journey/schema';

/**
 * What the canvas draws for one journey step. Plain JSON only (no functions, no class
 * instances): it is the journey node's type and config, nothing derived.
 */
export type StepData = {
  /** The journey node type, e.g. `wait.event`; React Flow's own `type` is always `step`. */
  nodeType: string;
  config: Record<string, unknown>;
};

export type StepNode = Node<StepData, 'step'>;

/** An edge leaves a step from its output port: `sourceHandle` is the port name. */
export type StepEdge = Edge<Record<string, never>>;

/** Everything in a journey document besides its graph and layout. */
export type JourneyMeta = Omit<Journey, 'nodes' | 'edges' | 'layout'>;
