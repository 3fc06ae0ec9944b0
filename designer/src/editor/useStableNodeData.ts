import { useMemo, useRef } from 'react';
import type { StepData, StepNode } from '../model/types';

/**
 * Each step's data by id, as a map that keeps its identity while only positions, sizes or the
 * selection change. A drag replaces the nodes array on every mouse move but never a step's data,
 * so what is derived from the data alone (edge labels) is not recomputed — and React Flow is not
 * handed a new edges array — on every frame of a drag.
 */
export function useStableNodeData(nodes: readonly StepNode[]): ReadonlyMap<string, StepData> {
  const previous = useRef<Map<string, StepData>>(new Map());
  return useMemo(() => {
    const last = previous.current;
    if (last.size === nodes.length && nodes.every((n) => last.get(n.id) === n.data)) return last;
    const next = new Map(nodes.map((n) => [n.id, n.data]));
    previous.current = next;
    return next;
  }, [nodes]);
}
