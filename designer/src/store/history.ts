import type { StateCreator } from 'zustand';
import type { JourneyMeta, StepEdge, StepNode } from '../model/types';
import type { Store } from './index';

/**
 * Undo and redo over snapshots of the open journey's document (meta, nodes, edges). Every edit
 * goes through commitEdit, which records the document as it was before; React Flow's arrays are
 * replaced, never mutated, so a snapshot shares its unchanged nodes with the live state and a
 * hundred of them cost little. Selection is not part of the document: it is neither a step nor
 * restored by one.
 */

export interface Snapshot {
  meta: JourneyMeta | null;
  nodes: StepNode[];
  edges: StepEdge[];
}

/** How one edit joins the step before it, so a drag or a burst of typing undoes as one. */
export interface Coalesce {
  /** Edits with the same key join one step (e.g. `move:a,b`, `config:<node>`, `name`). */
  key: string;
  /** Join only while the previous edit of this key is younger than this; unbounded if absent. */
  windowMs?: number;
}

export const HISTORY_LIMIT = 100;

export interface HistorySlice {
  past: Snapshot[];
  future: Snapshot[];
  /** Key and time of the newest step, while later edits may still join it. */
  openStep: { key: string; at: number } | null;

  /** Applies a document change as one undoable step (or part of the open one). */
  commitEdit(patch: Partial<Store>, coalesce?: Coalesce): void;
  /** Ends the open step: the next edit starts a new one (a drag ended, a field lost focus). */
  sealHistory(): void;
  undo(): void;
  redo(): void;
  clearHistory(): void;
}

const clock = { now: () => Date.now() };
/** Tests move time by hand; the designer uses the real clock. */
export function setHistoryClock(now: () => number): void {
  clock.now = now;
}

function snapshotOf(s: Store): Snapshot {
  return { meta: s.meta, nodes: s.nodes, edges: s.edges };
}

/** The snapshot's document with the current selection kept on whatever still exists. */
function restore(s: Store, snap: Snapshot): Partial<Store> {
  const selectedNodes = new Set(s.nodes.filter((n) => n.selected).map((n) => n.id));
  const selectedEdges = new Set(s.edges.filter((e) => e.selected).map((e) => e.id));
  const nodes = snap.nodes.map((n) =>
    !!n.selected === selectedNodes.has(n.id) && !n.dragging ? n : { ...n, selected: selectedNodes.has(n.id), dragging: false },
  );
  const edges = snap.edges.map((e) => (!!e.selected === selectedEdges.has(e.id) ? e : { ...e, selected: selectedEdges.has(e.id) }));
  return {
    meta: snap.meta,
    nodes,
    edges,
    selectedNodeId: nodes.find((n) => n.selected)?.id ?? null,
    selectedEdgeId: edges.find((e) => e.selected)?.id ?? null,
    revision: s.revision + 1,
    dirty: true,
    openStep: null,
  };
}

export const createHistorySlice: StateCreator<Store, [], [], HistorySlice> = (set) => ({
  past: [],
  future: [],
  openStep: null,

  commitEdit(patch, coalesce) {
    const now = clock.now();
    set((s) => {
      const open = s.openStep;
      const joins = !!coalesce && !!open && open.key === coalesce.key && (coalesce.windowMs === undefined || now - open.at <= coalesce.windowMs);
      const past = joins ? s.past : [...s.past, snapshotOf(s)].slice(-HISTORY_LIMIT);
      return {
        ...patch,
        past,
        future: [],
        openStep: coalesce ? { key: coalesce.key, at: now } : null,
        revision: s.revision + 1,
        dirty: true,
      };
    });
  },

  sealHistory() {
    set((s) => (s.openStep ? { openStep: null } : {}));
  },

  undo() {
    set((s) => {
      const previous = s.past.at(-1);
      if (!previous || !s.meta) return {};
      return { ...restore(s, previous), past: s.past.slice(0, -1), future: [...s.future, snapshotOf(s)] };
    });
  },

  redo() {
    set((s) => {
      const next = s.future.at(-1);
      if (!next || !s.meta) return {};
      return { ...restore(s, next), future: s.future.slice(0, -1), past: [...s.past, snapshotOf(s)].slice(-HISTORY_LIMIT) };
    });
  },

  clearHistory() {
    set({ past: [], future: [], openStep: null });
  },
});
