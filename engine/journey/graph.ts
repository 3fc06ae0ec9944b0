import type { JourneyEdge } from './schema';

/** Nodes reachable from `start` along the edges. */
export function reachableFrom(start: string, edges: JourneyEdge[]): Set<string> {
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length > 0) {
    const at = queue.shift()!;
    for (const e of edges) {
      if (e.from === at && !seen.has(e.to)) {
        seen.add(e.to);
        queue.push(e.to);
      }
    }
  }
  return seen;
}

/**
 * The strongly connected components that form cycles (more than one node, or a node linked to
 * itself), by Tarjan's algorithm. Each is returned in discovery order.
 */
export function cycles(nodeIds: string[], edges: JourneyEdge[]): string[][] {
  const out = new Map<string, string[]>();
  for (const id of nodeIds) out.set(id, []);
  for (const e of edges) out.get(e.from)?.push(e.to);

  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];

  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of out.get(v) ?? []) {
      if (!index.has(w)) {
        if (!out.has(w)) continue;
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      const selfLoop = component.length === 1 && (out.get(v) ?? []).includes(v);
      if (component.length > 1 || selfLoop) found.push(component.reverse());
    }
  };
  for (const id of nodeIds) if (!index.has(id)) visit(id);
  return found;
}
