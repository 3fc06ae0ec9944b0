import type { XYPosition } from '@xyflow/react';
import type { ElkNode } from 'elkjs/lib/elk-api';

/** Something that lays out an ELK graph: the worker in the browser, the bundled engine in Node. */
export interface ElkEngine {
  layout(graph: ElkNode): Promise<ElkNode>;
  terminateWorker?(): void;
}

/** ELK in a Web Worker: the worker script is a static asset, outside the designer's chunks. */
export async function workerElk(): Promise<ElkEngine> {
  const [{ default: ELK }, { default: workerUrl }] = await Promise.all([import('elkjs/lib/elk-api.js'), import('elkjs/lib/elk-worker.min.js?url')]);
  return new ELK({ workerUrl });
}
import type { StepEdge, StepNode } from '../model/types';

/**
 * Auto-layout with ELK's layered algorithm, top-down as the steps are drawn (input on top,
 * outputs along the bottom). Each output port is pinned where the canvas draws it (FIXED_POS,
 * spread evenly left to right in port order), so ELK orders a split's branches by port: "yes"
 * stays left of "no", branch 1 left of branch 2. ELK runs in a Web Worker loaded on first use:
 * it is large (1.4 MB), only this button needs it, and a big journey lays out off the main thread.
 */

/** A step's size before React Flow has measured it (see .step in styles.css). */
const DEFAULT_SIZE = { width: 220, height: 90 };

const ROOT_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.spacing.nodeNode': '50',
  'elk.layered.spacing.nodeNodeBetweenLayers': '70',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  // Steps not connected to anything are laid out beside the graph, not in one long row.
  'elk.separateConnectedComponents': 'true',
};

/** Positions (top-left, as React Flow takes them) for every step; `portsOf` gives a step's outputs in order. */
export async function layoutPositions(
  nodes: readonly StepNode[],
  edges: readonly StepEdge[],
  portsOf: (node: StepNode) => readonly string[],
  engine: () => Promise<ElkEngine> = workerElk,
): Promise<Record<string, XYPosition>> {
  if (nodes.length === 0) return {};
  const ids = new Set(nodes.map((n) => n.id));
  const outPorts = new Map<string, Set<string>>();

  const graph: ElkNode = {
    id: 'journey',
    layoutOptions: ROOT_OPTIONS,
    children: nodes.map((n) => {
      const width = n.measured?.width ?? n.width ?? DEFAULT_SIZE.width;
      const height = n.measured?.height ?? n.height ?? DEFAULT_SIZE.height;
      const ports = portsOf(n);
      outPorts.set(n.id, new Set(ports));
      return {
        id: n.id,
        width,
        height,
        layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
        ports: [
          { id: inPort(n.id), x: width / 2, y: 0, width: 1, height: 1, layoutOptions: { 'elk.port.side': 'NORTH' } },
          ...ports.map((p, i) => ({
            id: outPort(n.id, p),
            x: ((i + 0.5) * width) / ports.length,
            y: height,
            width: 1,
            height: 1,
            layoutOptions: { 'elk.port.side': 'SOUTH' },
          })),
        ],
      };
    }),
    edges: edges
      // An edge from a port the step no longer has (its config changed) still lays out from the step.
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e) => ({
        id: e.id,
        sources: [e.sourceHandle && outPorts.get(e.source)?.has(e.sourceHandle) ? outPort(e.source, e.sourceHandle) : e.source],
        targets: [inPort(e.target)],
      })),
  };

  const elk = await engine();
  let laid: ElkNode;
  try {
    laid = await elk.layout(graph);
  } finally {
    elk.terminateWorker?.();
  }
  // Keep the drawing where it was: the laid-out graph starts at the old top-left corner.
  const origin = { x: Math.min(...nodes.map((n) => n.position.x)), y: Math.min(...nodes.map((n) => n.position.y)) };
  const positions: Record<string, XYPosition> = {};
  const children = laid.children ?? [];
  const min = { x: Math.min(...children.map((c) => c.x ?? 0)), y: Math.min(...children.map((c) => c.y ?? 0)) };
  for (const c of children) positions[c.id] = { x: Math.round(origin.x + (c.x ?? 0) - min.x), y: Math.round(origin.y + (c.y ?? 0) - min.y) };
  return positions;
}

function inPort(id: string): string {
  return `${id}\u0000in`;
}

function outPort(id: string, port: string): string {
  return `${id}\u0000out\u0000${port}`;
}
