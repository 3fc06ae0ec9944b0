import { applyEdgeChanges, applyNodeChanges, type Connection, type EdgeChange, type NodeChange, type XYPosition } from '@xyflow/react';
import type { StateCreator } from 'zustand';
import type { Problem } from '../../../engine/journey/problems';
import type { Journey } from '../../../engine/journey/schema';
import { edgeId, journeyToFlow } from '../model/convert';
import { newNodeId } from '../model/ids';
import { jsonEqual, toJson } from '../model/json';
import { problemsByNode } from '../model/problems';
import type { JourneyMeta, StepEdge, StepNode } from '../model/types';
import type { Coalesce } from './history';
import type { Store } from './index';

/** A message for the notice bar, kept as an i18n key so it follows a language switch. */
export interface Notice {
  kind: 'error' | 'success' | 'info';
  key: string;
  params?: Record<string, string | number>;
}

export interface EditorSlice {
  /** The open journey's document fields besides its graph; null while the list is showing. */
  meta: JourneyMeta | null;
  /** Not stored on the server yet: the first save is a POST. */
  isNew: boolean;
  nodes: StepNode[];
  edges: StepEdge[];
  selectedNodeId: string | null;
  selectedEdgeId: string | null;
  problems: Problem[];
  problemsByNode: Record<string, string[]>;
  /** Problems the server reported (on publish), shown until the next edit. */
  problemSource: 'designer' | 'server';
  /** Bumped on every change to the document; validation and the dirty flag follow it. */
  revision: number;
  /** Bumped when another journey is opened, so per-journey effects restart. */
  opened: number;
  dirty: boolean;
  busy: 'saving' | 'publishing' | 'pausing' | 'resuming' | null;
  notice: Notice | null;

  /** `restored`: the document comes from the browser's copy of unsaved edits, so it is unsaved. */
  openJourney(journey: Journey, isNew: boolean, restored?: boolean): void;
  closeJourney(): void;
  onNodesChange(changes: NodeChange<StepNode>[]): void;
  onEdgesChange(changes: EdgeChange<StepEdge>[]): void;
  connect(connection: Connection): void;
  addNode(nodeType: string, config: Record<string, unknown>, position: XYPosition): string;
  updateConfig(nodeId: string, config: Record<string, unknown>): void;
  rename(name: string): void;
  /** The journey's time zone (settings.timezone), which its wall-clock waits read. */
  setTimezone(timezone: string): void;
  /** Exit criteria, the conversion goal (the condition builder edits their conditions), urgency. */
  setSettings(patch: Partial<Pick<JourneyMeta['settings'], 'exitWhen' | 'goal' | 'urgent'>>): void;
  removeNode(nodeId: string): void;
  removeEdge(edgeId: string): void;
  selectNode(nodeId: string | null): void;
  setProblems(problems: Problem[], source?: 'designer' | 'server'): void;
  /** After a save of `savedRevision`: take the server's document fields; clean unless edited since. */
  applySaved(journey: Journey, savedRevision: number): void;
  /** After publish, pause or resume: the lifecycle fields only, edits in progress stay. */
  applyStatus(journey: Pick<Journey, 'status' | 'version'>): void;
  setBusy(busy: EditorSlice['busy']): void;
  setNotice(notice: Notice | null): void;
}

/** Pauses in typing longer than this start a new undo step. */
const TYPING_MS = 1000;
/** Deleting a step removes it and then its connections, in two change batches: one undo step. */
const DELETE_STEP: Coalesce = { key: 'delete', windowMs: 250 };

/** Which undo step a batch of node changes belongs to: a drag's moves join while it lasts. */
function nodeChangeStep(changes: readonly NodeChange<StepNode>[]): Coalesce | undefined {
  if (changes.some((c) => c.type === 'remove')) return DELETE_STEP;
  const moved = changes.flatMap((c) => (c.type === 'position' ? [c.id] : []));
  return moved.length > 0 && moved.length === changes.length ? { key: `move:${moved.sort().join(',')}` } : undefined;
}

/** Changes that alter the saved document; selection and measured sizes do not. */
const editsDocument = (c: { type: string }) => c.type === 'position' || c.type === 'remove' || c.type === 'add' || c.type === 'replace';

export const createEditorSlice: StateCreator<Store, [], [], EditorSlice> = (set, get) => {
  /** Applies a document change as an undoable step (store/history.ts): bumps the revision, marks it unsaved. */
  const edit = (patch: Partial<EditorSlice>, coalesce?: Coalesce) => get().commitEdit(patch, coalesce);

  return {
    meta: null,
    isNew: false,
    nodes: [],
    edges: [],
    selectedNodeId: null,
    selectedEdgeId: null,
    problems: [],
    problemsByNode: {},
    problemSource: 'designer',
    revision: 0,
    opened: 0,
    dirty: false,
    busy: null,
    notice: null,

    openJourney(journey, isNew, restored = false) {
      const { meta, nodes, edges } = journeyToFlow(journey);
      set((s) => ({
        meta,
        nodes,
        edges,
        isNew,
        selectedNodeId: null,
        selectedEdgeId: null,
        problems: [],
        problemsByNode: {},
        revision: 0,
        opened: s.opened + 1,
        // A new journey exists only in the browser until saved.
        dirty: isNew || restored,
        // Undo never reaches into another journey.
        past: [],
        future: [],
        openStep: null,
        busy: null,
        notice: null,
      }));
    },

    closeJourney() {
      set({
        meta: null,
        nodes: [],
        edges: [],
        selectedNodeId: null,
        selectedEdgeId: null,
        problems: [],
        problemsByNode: {},
        dirty: false,
        notice: null,
        past: [],
        future: [],
        openStep: null,
      });
    },

    onNodesChange(changes) {
      const nodes = applyNodeChanges(changes, get().nodes);
      const patch: Partial<EditorSlice> = { nodes };
      if (changes.some((c) => c.type === 'select' || c.type === 'remove')) patch.selectedNodeId = nodes.find((n) => n.selected)?.id ?? null;
      // A drag reports positions continuously; only moves with a position count (not the drag end marker).
      if (changes.some((c) => editsDocument(c) && (c.type !== 'position' || c.position !== undefined))) edit(patch, nodeChangeStep(changes));
      else set(patch);
      // The drag ended: the next move is a step of its own.
      if (changes.some((c) => c.type === 'position' && c.dragging === false)) get().sealHistory();
    },

    onEdgesChange(changes) {
      const edges = applyEdgeChanges(changes, get().edges);
      const patch: Partial<EditorSlice> = { edges };
      if (changes.some((c) => c.type === 'select' || c.type === 'remove')) patch.selectedEdgeId = edges.find((e) => e.selected)?.id ?? null;
      if (changes.some(editsDocument)) edit(patch, changes.some((c) => c.type === 'remove') ? DELETE_STEP : undefined);
      else set(patch);
    },

    connect({ source, sourceHandle, target }) {
      if (!sourceHandle) return;
      // One edge per output port: connecting a used port moves its edge instead of doubling it.
      const kept = get().edges.filter((e) => !(e.source === source && e.sourceHandle === sourceHandle));
      const edge: StepEdge = { id: edgeId({ from: source, port: sourceHandle, to: target }), source, sourceHandle, target };
      edit({ edges: [...kept, edge] });
    },

    addNode(nodeType, config, position) {
      const id = newNodeId(nodeType);
      const node: StepNode = { id, type: 'step', position, selected: true, data: { nodeType, config: toJson(config) } };
      const others = get().nodes.map((n) => (n.selected ? { ...n, selected: false } : n));
      edit({ nodes: [...others, node], selectedNodeId: id });
      return id;
    },

    updateConfig(nodeId, config) {
      const clean = toJson(config);
      const current = get().nodes.find((n) => n.id === nodeId);
      // rjsf reports its initial state too; that is not an edit.
      if (!current || jsonEqual(current.data.config, clean)) return;
      // Typing into one step's form undoes as one step, not a character at a time.
      edit(
        { nodes: get().nodes.map((n) => (n.id === nodeId ? { ...n, data: { ...n.data, config: clean } } : n)) },
        { key: `config:${nodeId}`, windowMs: TYPING_MS },
      );
    },

    rename(name) {
      const meta = get().meta;
      if (meta && meta.name !== name) edit({ meta: { ...meta, name } }, { key: 'name', windowMs: TYPING_MS });
    },

    setTimezone(timezone) {
      const meta = get().meta;
      if (meta && meta.settings.timezone !== timezone) edit({ meta: { ...meta, settings: { ...meta.settings, timezone } } });
    },

    setSettings(patch) {
      const meta = get().meta;
      if (!meta) return;
      const settings = { ...meta.settings, ...patch };
      // An absent goal is no key at all, as a document without one is stored.
      if (patch.goal === undefined && 'goal' in patch) delete settings.goal;
      if (patch.urgent === undefined && 'urgent' in patch) delete settings.urgent;
      edit({ meta: { ...meta, settings } });
    },

    removeNode(nodeId) {
      const s = get();
      edit({
        nodes: s.nodes.filter((n) => n.id !== nodeId),
        edges: s.edges.filter((e) => e.source !== nodeId && e.target !== nodeId),
        selectedNodeId: s.selectedNodeId === nodeId ? null : s.selectedNodeId,
      });
    },

    removeEdge(id) {
      const s = get();
      edit({ edges: s.edges.filter((e) => e.id !== id), selectedEdgeId: s.selectedEdgeId === id ? null : s.selectedEdgeId });
    },

    selectNode(nodeId) {
      set((s) => ({
        selectedNodeId: nodeId,
        selectedEdgeId: null,
        // Only nodes whose selection flips get new objects; the rest keep their identity.
        nodes: s.nodes.map((n) => (!!n.selected === (n.id === nodeId) ? n : { ...n, selected: n.id === nodeId })),
        edges: s.edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
      }));
    },

    setProblems(problems, source = 'designer') {
      set((s) => ({ problems, problemSource: source, problemsByNode: problemsByNode(problems, s.problemsByNode) }));
    },

    applySaved(journey, savedRevision) {
      const { nodes: _nodes, edges: _edges, layout: _layout, ...saved } = journey;
      set((s) => {
        const editedSince = s.revision !== savedRevision;
        // A name typed while the request was out is newer than the one the server echoes.
        const meta = editedSince && s.meta ? { ...saved, name: s.meta.name } : saved;
        return { meta, isNew: false, dirty: editedSince };
      });
    },

    applyStatus({ status, version }) {
      set((s) => (s.meta ? { meta: { ...s.meta, status, version } } : {}));
    },

    setBusy(busy) {
      set({ busy });
    },

    setNotice(notice) {
      set({ notice });
    },
  };
};
