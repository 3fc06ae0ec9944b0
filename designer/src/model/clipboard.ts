import type { XYPosition } from '@xyflow/react';
import { edgeId } from './convert';
import { newNodeId } from './ids';
import type { StepEdge, StepNode } from './types';

/**
 * What copy puts on the clipboard: the chosen steps (type, config, position) and the connections
 * among them, as JSON with a marker, so a paste recognises its own data and ignores other text.
 * It carries no journey id: it pastes into any journey, in this tab or another.
 */
export const CLIPBOARD_MARKER = 'huitou/steps@1';

export interface ClipboardStep {
  id: string;
  type: string;
  config: Record<string, unknown>;
  position: XYPosition;
}

export interface ClipboardData {
  marker: typeof CLIPBOARD_MARKER;
  steps: ClipboardStep[];
  edges: { from: string; port: string; to: string }[];
}

/** The given steps and only the edges between two of them (an edge out of the set has no end). */
export function copySteps(nodes: readonly StepNode[], edges: readonly StepEdge[], ids: ReadonlySet<string>): ClipboardData | null {
  const chosen = nodes.filter((n) => ids.has(n.id));
  if (chosen.length === 0) return null;
  return {
    marker: CLIPBOARD_MARKER,
    steps: chosen.map((n) => ({ id: n.id, type: n.data.nodeType, config: structuredClone(n.data.config), position: { x: n.position.x, y: n.position.y } })),
    edges: edges.filter((e) => ids.has(e.source) && ids.has(e.target) && e.sourceHandle).map((e) => ({ from: e.source, port: e.sourceHandle!, to: e.target })),
  };
}

/** The clipboard's text as our data, or null for anything else (other text, another version, broken JSON). */
export function parseClipboard(text: string | null | undefined): ClipboardData | null {
  if (!text) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(value) || value.marker !== CLIPBOARD_MARKER || !Array.isArray(value.steps) || !Array.isArray(value.edges)) return null;
  const steps = value.steps.filter(
    (s): s is ClipboardStep =>
      isRecord(s) &&
      typeof s.id === 'string' &&
      typeof s.type === 'string' &&
      isRecord(s.config) &&
      isRecord(s.position) &&
      typeof s.position.x === 'number' &&
      typeof s.position.y === 'number',
  );
  const ids = new Set(steps.map((s) => s.id));
  const edges = value.edges.filter(
    (e): e is ClipboardData['edges'][number] =>
      isRecord(e) && typeof e.from === 'string' && typeof e.port === 'string' && typeof e.to === 'string' && ids.has(e.from) && ids.has(e.to),
  );
  return steps.length > 0 ? { marker: CLIPBOARD_MARKER, steps, edges } : null;
}

/** How far each paste moves from the copied place, so a copy never hides its original. */
export const PASTE_OFFSET = 40;

export interface Pasted {
  nodes: StepNode[];
  edges: StepEdge[];
  /** Triggers left out because the journey has its one trigger already. */
  refusedTriggers: number;
}

/**
 * Steps for the clipboard's data with fresh ids, selected, shifted by PASTE_OFFSET steps until no
 * pasted step sits on an existing one. `isTrigger` tells which types are triggers: a journey has one.
 */
export function pasteSteps(data: ClipboardData, existing: readonly StepNode[], isTrigger: (type: string) => boolean): Pasted {
  const hasTrigger = existing.some((n) => isTrigger(n.data.nodeType));
  const steps = data.steps.filter((s) => !(hasTrigger && isTrigger(s.type)));
  // Two triggers in one paste would be refused by validation; the first one is kept.
  const firstTrigger = hasTrigger ? undefined : steps.find((s) => isTrigger(s.type));
  const kept = steps.filter((s) => !isTrigger(s.type) || s === firstTrigger);
  const refusedTriggers = data.steps.length - kept.length;

  const covered = (p: XYPosition) => existing.some((n) => Math.abs(n.position.x - p.x) < 30 && Math.abs(n.position.y - p.y) < 30);
  let shift = PASTE_OFFSET;
  for (let i = 0; i < 50 && kept.some((s) => covered({ x: s.position.x + shift, y: s.position.y + shift })); i++) shift += PASTE_OFFSET;

  const fresh = new Map(kept.map((s) => [s.id, newNodeId(s.type)]));
  const nodes: StepNode[] = kept.map((s) => ({
    id: fresh.get(s.id)!,
    type: 'step',
    position: { x: s.position.x + shift, y: s.position.y + shift },
    selected: true,
    data: { nodeType: s.type, config: structuredClone(s.config) },
  }));
  // One edge per output port, as the document allows; a second one for a port is dropped.
  const usedPorts = new Set<string>();
  const edges: StepEdge[] = [];
  for (const e of data.edges) {
    const from = fresh.get(e.from);
    const to = fresh.get(e.to);
    if (!from || !to || usedPorts.has(`${from}:${e.port}`)) continue;
    usedPorts.add(`${from}:${e.port}`);
    edges.push({ id: edgeId({ from, port: e.port, to }), source: from, sourceHandle: e.port, target: to });
  }
  return { nodes, edges, refusedTriggers };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
