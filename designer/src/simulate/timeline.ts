import type { SimulatedMessage } from '../../../engine/simulate/services';
import type { SimulationResult, SimulationStep } from '../../../engine/simulate/simulate';

/**
 * A simulation's answer as the panel shows it: one list in time order (each step with the port it
 * took, each message right after the step that sent it, then how it ended) and the path to light
 * up on the canvas. Pure, so it is tested without a browser.
 */

export type TimelineEntry =
  | { kind: 'step'; at: string; nodeId: string; what: StepWhat; port: string | null; detail: string | null }
  | { kind: 'message'; at: string; nodeId: string; message: SimulatedMessage }
  | { kind: 'end'; at: string | null; nodeId: string | null; reason: string };

/** What happened at a step, for the words the panel puts on it. */
export type StepWhat = 'entered' | 'waited' | 'event' | 'timeout' | 'decided' | 'acted' | 'exited';

/** Edges as the canvas has them: `sourceHandle` is the port. */
export interface PathEdge {
  id: string;
  source: string;
  sourceHandle?: string | null | undefined;
  target: string;
}

/** Visited steps and taken edges, each with the first virtual instant the customer was there. */
export interface SimulationPath {
  nodes: Record<string, string>;
  edges: Record<string, string>;
}

/** The port a step's outcome left by, as engine/simulate/simulate.ts words its outcomes. */
export function portOf(step: SimulationStep, ports: readonly string[]): string | null {
  const o = step.outcome;
  if (o.startsWith('entered on ') || o === 'waited') return 'next';
  if (o.startsWith('event ')) return 'event';
  if (o === 'timeout') return 'timeout';
  // A decision's outcome is its port; an action's is "port: what it did".
  const head = o.includes(':') ? o.slice(0, o.indexOf(':')) : o;
  return ports.includes(head) ? head : ports.includes(o) ? o : null;
}

function describe(
  step: SimulationStep,
  port: string | null,
  last: boolean,
  result: SimulationResult,
): Pick<Extract<TimelineEntry, { kind: 'step' }>, 'what' | 'detail'> {
  const o = step.outcome;
  if (o.startsWith('entered on ')) return { what: 'entered', detail: o.slice('entered on '.length) };
  if (last && result.exitedAt !== null && o === result.reason) return { what: 'exited', detail: null };
  if (o === 'waited') return { what: 'waited', detail: null };
  if (o.startsWith('event ')) return { what: 'event', detail: o.slice('event '.length) };
  if (o === 'timeout') return { what: 'timeout', detail: null };
  if (port !== null && o.startsWith(`${port}: `)) return { what: 'acted', detail: o.slice(port.length + 2) };
  return { what: port === 'next' || port === null ? 'acted' : 'decided', detail: port === null ? o : null };
}

/**
 * The timeline. `portsOf` gives a step's output ports (from the canvas), so an outcome is read as
 * the port it names. Messages follow the step that sent them (a held message keeps its own,
 * later time: when quiet hours let it go).
 */
export function buildTimeline(result: SimulationResult, portsOf: (nodeId: string) => readonly string[]): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const pending = [...result.messages];
  result.steps.forEach((step, i) => {
    const port = portOf(step, portsOf(step.nodeId));
    const last = i === result.steps.length - 1;
    const entry: TimelineEntry = { kind: 'step', at: step.at, nodeId: step.nodeId, port, ...describe(step, port, last, result) };
    // A step that sent a message is told by the message; its own summary ("sms sent") adds nothing.
    if (entry.what === 'acted' && pending.some((m) => m.nodeId === step.nodeId)) entry.detail = null;
    entries.push(entry);
    for (let m = 0; m < pending.length; ) {
      if (pending[m]!.nodeId === step.nodeId) entries.push({ kind: 'message', at: pending[m]!.at, nodeId: step.nodeId, message: pending.splice(m, 1)[0]! });
      else m++;
    }
  });
  for (const message of pending) entries.push({ kind: 'message', at: message.at, nodeId: message.nodeId, message });
  const lastStep = result.steps.at(-1);
  entries.push({
    kind: 'end',
    at: result.exitedAt,
    nodeId: result.waitingAt ?? (result.exitedAt !== null ? (lastStep?.nodeId ?? null) : null),
    reason: result.reason,
  });
  return entries;
}

/**
 * The steps the customer visited and the edges between them, with the first instant of each. An
 * edge is the one leaving a step by the port its outcome names towards the next step visited.
 */
export function simulationPath(result: SimulationResult, edges: readonly PathEdge[], portsOf: (nodeId: string) => readonly string[]): SimulationPath {
  const path: SimulationPath = { nodes: {}, edges: {} };
  const steps = result.steps;
  steps.forEach((step, i) => {
    // A step is visited when the customer arrives; its record is written when they leave it, so
    // the arrival is the previous record's time (the trigger's own for the first).
    const arrived = i === 0 ? step.at : steps[i - 1]!.at;
    path.nodes[step.nodeId] ??= arrived;
  });
  if (result.waitingAt && steps.length > 0) path.nodes[result.waitingAt] ??= steps.at(-1)!.at;
  const visited = [...steps.map((s) => s.nodeId), ...(result.waitingAt && result.waitingAt !== steps.at(-1)?.nodeId ? [result.waitingAt] : [])];
  for (let i = 0; i + 1 < visited.length; i++) {
    const from = visited[i]!;
    const to = visited[i + 1]!;
    if (from === to) continue;
    const port = portOf(steps[i]!, portsOf(from));
    const candidates = edges.filter((e) => e.source === from && e.target === to);
    const edge = candidates.find((e) => e.sourceHandle === port) ?? (candidates.length === 1 ? candidates[0] : undefined);
    if (edge) path.edges[edge.id] ??= steps[i]!.at;
  }
  return path;
}
