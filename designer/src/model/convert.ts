import type { Journey, JourneyEdge } from '../../../engine/journey/schema';
import type { JourneyMeta, StepEdge, StepNode } from './types';

/**
 * The journey document is what the API stores and the engine runs; the canvas works on React Flow
 * nodes and edges. These two pure functions are the only bridge between them, so that nothing
 * React Flow adds (measured sizes, selection, drag state) ever leaks into a saved journey.
 */

/** Vertical spacing for steps the document has no position for (e.g. written by hand). */
const FALLBACK_ROW_HEIGHT = 140;

export function journeyToFlow(journey: Journey): { meta: JourneyMeta; nodes: StepNode[]; edges: StepEdge[] } {
  const { nodes, edges, layout, ...meta } = journey;
  const positions = layout.positions;
  return {
    meta,
    nodes: nodes.map((n, i) => ({
      id: n.id,
      type: 'step',
      position: positions[n.id] ?? { x: 0, y: i * FALLBACK_ROW_HEIGHT },
      data: { nodeType: n.type, config: structuredClone(n.config) },
    })),
    edges: edgesToFlow(edges),
  };
}

export function flowToJourney(meta: JourneyMeta, nodes: readonly StepNode[], edges: readonly StepEdge[]): Journey {
  const positions: Record<string, { x: number; y: number }> = {};
  for (const n of nodes) positions[n.id] = { x: round(n.position.x), y: round(n.position.y) };
  return {
    ...meta,
    nodes: nodes.map((n) => ({ id: n.id, type: n.data.nodeType, config: structuredClone(n.data.config) })),
    edges: edges.map((e) => ({ from: e.source, port: e.sourceHandle ?? '', to: e.target })),
    layout: { positions },
  };
}

/** Whole pixels keep saved layouts tidy; `+ 0` turns Math.round's -0 into 0. */
function round(v: number): number {
  return Math.round(v) + 0;
}

/** An id React Flow can key on; the document itself allows one edge per port. */
export function edgeId(e: JourneyEdge): string {
  return `${e.from}:${e.port}->${e.to}`;
}

function edgesToFlow(edges: readonly JourneyEdge[]): StepEdge[] {
  // A document with a port connected twice is invalid, but it must still load so the problem
  // can be shown and fixed; suffixes keep the React keys unique.
  const seen = new Map<string, number>();
  return edges.map((e) => {
    const base = edgeId(e);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return { id: n === 0 ? base : `${base}#${n}`, source: e.from, sourceHandle: e.port, target: e.to };
  });
}
