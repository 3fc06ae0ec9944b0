import type { Problem } from '../../../engine/journey/problems';

/**
 * The messages for each step, keyed by node id. Arrays whose messages did not change keep their
 * identity, so a step subscribed to its own entry re-renders only when its problems change.
 */
export function problemsByNode(problems: readonly Problem[], previous: Readonly<Record<string, string[]>> = {}): Record<string, string[]> {
  const next: Record<string, string[]> = {};
  for (const p of problems) if (p.nodeId) (next[p.nodeId] ??= []).push(p.message);
  for (const [id, messages] of Object.entries(next)) {
    const old = previous[id];
    if (old && old.length === messages.length && old.every((m, i) => m === messages[i])) next[id] = old;
  }
  return next;
}

/**
 * Config problems of one step as rjsf `extraErrors`, so the form shows each under its field.
 * `nodes[3].config.timeout` → `{ timeout: { __errors: [message] } }`; deeper paths (inside a
 * condition) are reported on their top-level field.
 */
export function configErrors(problems: readonly Problem[], nodeId: string): Record<string, { __errors: string[] }> {
  const out: Record<string, { __errors: string[] }> = {};
  for (const p of problems) {
    if (p.nodeId !== nodeId) continue;
    const field = /^nodes\[\d+\]\.config\.([^.[]+)/.exec(p.path)?.[1];
    if (field) (out[field] ??= { __errors: [] }).__errors.push(p.message);
  }
  return out;
}
