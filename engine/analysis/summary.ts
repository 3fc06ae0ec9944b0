import type { MaxWaitContext, NodeDefinition } from '../nodes/define';
import type { NodeRegistry } from '../nodes/registry';
import { cycles, reachableFrom } from '../journey/graph';
import type { Journey } from '../journey/schema';

/** A count or a length of time that a loop in the journey makes endless. */
export type Bound = number | 'unbounded';

/** What a journey can do to one customer at worst, found from its graph alone. */
export interface JourneySummary {
  /** Per channel, the most messages one customer can get along any path. */
  messagesPerChannel: Record<string, Bound>;
  /** The longest a customer can stay inside (ms); `unknown` when a wait depends on the run. */
  longestStayMs: Bound | 'unknown';
  /** Routes from the trigger to an end, a loop counted once (its steps as one). */
  paths: number;
}

export interface SummaryOptions {
  /** The instant to measure waits until a fixed date from (epoch ms); without it they are `unknown`. */
  now?: number | undefined;
}

type Stay = number | 'unknown';

/** One strongly connected part of the graph: a single step, or a loop of steps. */
interface Part {
  nodes: string[];
  loop: boolean;
  sends: Map<string, number>;
  next: Set<number>;
  previous: Set<number>;
  /** Edges leaving the part, one per port: distinct routes even to the same step. */
  exits: number[];
}

/**
 * Static analysis of a validated journey: the worst case per channel is the maximum, over the
 * paths from the trigger, of the messages sent on it (exclusive branches are not added); the
 * longest stay is the largest, over the paths, of the longest waits along it added up (a wait
 * until a fixed date counts only what is left of it). A loop that sends makes its
 * channel unbounded and a loop (each has a wait, see validation) makes the stay unbounded.
 * Steps say what they send and how long they hold a customer through their definitions'
 * `sends` and `maxWaitMs` hooks, so plugins take part.
 */
export function journeySummary(journey: Journey, registry: NodeRegistry, options: SummaryOptions = {}): JourneySummary {
  const definitions = new Map<string, { def: NodeDefinition; config: unknown }>();
  journey.nodes.forEach((node, i) => {
    const def = registry.get(node.type, node.typeVersion);
    if (!def) throw new Error(`nodes[${i}].type: unknown node type "${node.type}"`);
    const config = def.config.safeParse(node.config);
    if (!config.success) throw new Error(`nodes[${i}].config: ${config.error.issues.map((x) => `${x.path.join('.')} ${x.message}`).join('; ')}`);
    definitions.set(node.id, { def, config: config.data });
  });
  const trigger = journey.nodes.find((n) => definitions.get(n.id)!.def.category === 'trigger');
  if (!trigger) throw new Error('nodes: the journey has no trigger');

  const reachable = reachableFrom(trigger.id, journey.edges);
  const ids = journey.nodes.map((n) => n.id).filter((id) => reachable.has(id));
  const edges = journey.edges.filter((e) => reachable.has(e.from) && reachable.has(e.to));

  // Collapse loops into parts, so what remains has no cycle and paths can be walked.
  const partOf = new Map<string, number>();
  const parts: Part[] = [];
  const addPart = (nodes: string[], loop: boolean) => {
    for (const id of nodes) partOf.set(id, parts.length);
    parts.push({ nodes, loop, sends: new Map(), next: new Set(), previous: new Set(), exits: [] });
  };
  for (const loop of cycles(ids, edges)) addPart(loop, true);
  for (const id of ids) if (!partOf.has(id)) addPart([id], false);

  const now = options.now;
  const timezone = journey.settings.timezone;
  for (const part of parts) {
    for (const id of part.nodes) {
      const { def, config } = definitions.get(id)!;
      const channel = sendsOn(def, config);
      if (channel !== undefined) part.sends.set(channel, (part.sends.get(channel) ?? 0) + 1);
    }
  }
  for (const e of edges) {
    const from = partOf.get(e.from)!;
    const to = partOf.get(e.to)!;
    if (from === to) continue;
    parts[from]!.next.add(to);
    parts[from]!.exits.push(to);
    parts[to]!.previous.add(from);
  }

  // The longest a customer can have been inside on leaving each part, from the trigger on: a
  // wait until a fixed date ends at that date however long the customer was in before, so waits
  // do not simply add up (each is asked with the time already spent).
  const left = new Map<number, Bound | 'unknown'>();
  const leave = (p: number): Bound | 'unknown' => {
    const known = left.get(p);
    if (known !== undefined) return known;
    const part = parts[p]!;
    let at: Bound | 'unknown' = 0;
    for (const q of part.previous) at = maxStay(at, leave(q));
    let out: Bound | 'unknown' = at;
    if (part.loop) out = 'unbounded';
    else if (typeof at === 'number') {
      const { def, config } = definitions.get(part.nodes[0]!)!;
      const wait = waitOf(def, config, { timezone, now, elapsedMs: at });
      out = wait === 'unknown' ? wait : at + wait;
    }
    left.set(p, out);
    return out;
  };
  let longestStayMs: Bound | 'unknown' = 0;
  for (let p = 0; p < parts.length; p++) longestStayMs = maxStay(longestStayMs, leave(p));

  // The most messages per channel from each part to an end (memoised depth-first walk).
  type Worst = { sends: Map<string, Bound>; paths: number };
  const memo = new Map<number, Worst>();
  const worst = (p: number): Worst => {
    const known = memo.get(p);
    if (known) return known;
    const part = parts[p]!;
    const sends = new Map<string, Bound>();
    let paths = part.exits.length === 0 ? 1 : 0;
    for (const q of part.exits) paths += worst(q).paths;
    for (const q of part.next) {
      for (const [channel, n] of worst(q).sends) sends.set(channel, maxBound(sends.get(channel) ?? 0, n));
    }
    for (const [channel, n] of part.sends) sends.set(channel, part.loop ? 'unbounded' : plus(sends.get(channel) ?? 0, n));
    const result = { sends, paths };
    memo.set(p, result);
    return result;
  };
  const start = worst(partOf.get(trigger.id)!);
  const messagesPerChannel: Record<string, Bound> = {};
  for (const channel of [...start.sends.keys()].sort()) messagesPerChannel[channel] = start.sends.get(channel)!;
  return { messagesPerChannel, longestStayMs, paths: start.paths };
}

function sendsOn(def: NodeDefinition, config: unknown): string | undefined {
  if (def.sends) return def.sends(config);
  return def.behaviour.kind === 'action' ? def.type : undefined;
}

function waitOf(def: NodeDefinition, config: unknown, context: MaxWaitContext): Stay {
  if (def.maxWaitMs) return def.maxWaitMs(config, context);
  if (def.behaviour.kind === 'waitForEvent') return def.behaviour.wait(config).timeoutMs;
  return def.behaviour.kind === 'sleep' ? 'unknown' : 0;
}

const plus = (a: Bound, b: number): Bound => (a === 'unbounded' ? a : a + b);
const maxBound = (a: Bound, b: Bound): Bound => (a === 'unbounded' || b === 'unbounded' ? 'unbounded' : Math.max(a, b));
/** Unbounded beats unknown: some path is endless whatever the unknown wait turns out to be. */
function maxStay(a: Bound | 'unknown', b: Bound | 'unknown'): Bound | 'unknown' {
  if (a === 'unbounded' || b === 'unbounded') return 'unbounded';
  if (a === 'unknown' || b === 'unknown') return 'unknown';
  return Math.max(a, b);
}
