import type { Connection, XYPosition } from '@xyflow/react';
import type { StateCreator } from 'zustand';
import { edgeId } from '../model/convert';
import type { StepEdge, StepNode } from '../model/types';
import type { Store } from './index';

/**
 * Edits of several steps at once: paste, delete the selection, move to computed positions
 * (auto-layout), reconnect an edge, select all. Each is one undoable step (store/history.ts).
 */
export interface EditingSlice {
  /** Adds steps and edges (fresh ids already) and makes them the selection. */
  insertSteps(nodes: StepNode[], edges: StepEdge[]): void;
  /** Removes the selected steps with their edges, and selected edges. Resolves what it removed. */
  removeSelection(): { nodes: number; edges: number };
  /** Moves steps to the given positions (the others stay); one step however many move. */
  setPositions(positions: Record<string, XYPosition>): void;
  /** Moves an existing edge's ends; the port it now leaves from loses any edge it had. */
  reconnect(oldEdge: StepEdge, connection: Connection): void;
  selectAll(): void;
  /** Ids of the selected steps, in the canvas's order. */
  selectedIds(): string[];
}

export const createEditingSlice: StateCreator<Store, [], [], EditingSlice> = (set, get) => ({
  insertSteps(added, addedEdges) {
    if (added.length === 0) return;
    const s = get();
    const nodes = [...s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...added.map((n) => ({ ...n, selected: true }))];
    const edges = [...s.edges.map((e) => (e.selected ? { ...e, selected: false } : e)), ...addedEdges];
    s.commitEdit({ nodes, edges, selectedNodeId: added[0]!.id, selectedEdgeId: null });
  },

  removeSelection() {
    const s = get();
    const gone = new Set(s.nodes.filter((n) => n.selected).map((n) => n.id));
    const edges = s.edges.filter((e) => !e.selected && !gone.has(e.source) && !gone.has(e.target));
    const removedEdges = s.edges.length - edges.length;
    if (gone.size === 0 && removedEdges === 0) return { nodes: 0, edges: 0 };
    s.commitEdit({ nodes: s.nodes.filter((n) => !gone.has(n.id)), edges, selectedNodeId: null, selectedEdgeId: null });
    return { nodes: gone.size, edges: removedEdges };
  },

  setPositions(positions) {
    const s = get();
    const moves = s.nodes.some((n) => positions[n.id] && (positions[n.id]!.x !== n.position.x || positions[n.id]!.y !== n.position.y));
    if (!moves) return;
    s.commitEdit({ nodes: s.nodes.map((n) => (positions[n.id] ? { ...n, position: { ...positions[n.id]! } } : n)) });
  },

  reconnect(oldEdge, { source, sourceHandle, target }) {
    if (!sourceHandle || !source || !target) return;
    const s = get();
    const kept = s.edges.filter((e) => e.id !== oldEdge.id && !(e.source === source && e.sourceHandle === sourceHandle));
    const edge: StepEdge = { id: edgeId({ from: source, port: sourceHandle, to: target }), source, sourceHandle, target };
    s.commitEdit({ edges: [...kept, edge], selectedEdgeId: null });
  },

  selectAll() {
    set((s) => ({
      nodes: s.nodes.map((n) => (n.selected ? n : { ...n, selected: true })),
      selectedNodeId: s.nodes[0]?.id ?? null,
      selectedEdgeId: null,
    }));
  },

  selectedIds() {
    return get()
      .nodes.filter((n) => n.selected)
      .map((n) => n.id);
  },
});
