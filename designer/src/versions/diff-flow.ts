import { MarkerType, type Edge, type Node } from '@xyflow/react';
import type { Journey } from '../../../engine/journey/schema';
import { edgeKey, type JourneyDiff } from '../model/diff';

export type DiffStatus = 'added' | 'removed' | 'changed' | 'same';

export type DiffNodeData = { nodeType: string; config: Record<string, unknown>; status: DiffStatus };
export type DiffFlowNode = Node<DiffNodeData, 'diff'>;

const edgeStyle: Record<DiffStatus, Edge['style']> = {
  added: { stroke: '#16a34a', strokeWidth: 2.5 },
  removed: { stroke: '#dc2626', strokeWidth: 2, strokeDasharray: '6 4' },
  changed: {},
  same: {},
};

/**
 * The diff as a read-only canvas: the newer document's steps where it placed them, coloured by
 * what happened to them, plus the removed steps as ghosts where the older one had them; its
 * edges, with added ones green and removed ones red and dashed.
 */
export function diffToFlow(older: Journey, newer: Journey, diff: JourneyDiff): { nodes: DiffFlowNode[]; edges: Edge[] } {
  const added = new Set(diff.added.map((n) => n.id));
  const changed = new Set(diff.changed.map((n) => n.id));
  const nodes: DiffFlowNode[] = newer.nodes.map((n, i) => ({
    id: n.id,
    type: 'diff',
    position: newer.layout.positions[n.id] ?? { x: 0, y: i * 140 },
    data: { nodeType: n.type, config: n.config, status: added.has(n.id) ? 'added' : changed.has(n.id) ? 'changed' : 'same' },
  }));
  for (const n of diff.removed) {
    nodes.push({
      id: n.id,
      type: 'diff',
      position: n.position ?? { x: -300, y: nodes.length * 140 },
      data: { nodeType: n.type, config: n.config, status: 'removed' },
    });
  }

  const newEdges = new Set(diff.addedEdges.map(edgeKey));
  const edge = (e: { from: string; port: string; to: string }, status: DiffStatus): Edge => ({
    id: edgeKey(e),
    source: e.from,
    sourceHandle: e.port,
    target: e.to,
    type: 'smoothstep',
    className: `diff-edge-${status}`,
    style: edgeStyle[status],
    markerEnd: {
      type: MarkerType.ArrowClosed,
      width: 18,
      height: 18,
      ...(status === 'added' || status === 'removed' ? { color: edgeStyle[status]!.stroke as string } : {}),
    },
    selectable: false,
  });
  const edges = [...newer.edges.map((e) => edge(e, newEdges.has(edgeKey(e)) ? 'added' : 'same')), ...diff.removedEdges.map((e) => edge(e, 'removed'))];
  return { nodes, edges };
}
