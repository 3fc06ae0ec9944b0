/**
 * Positions for a template's graph, top to bottom: each node one row below the deepest node
 * leading to it (longest path from the trigger), siblings side by side. The designer can
 * re-lay it out; this only gives a readable first picture.
 */
export function layoutByDepth(ids: string[], edges: { from: string; to: string }[]): Record<string, { x: number; y: number }> {
  const depth = new Map<string, number>(ids.map((id) => [id, 0]));
  // Longest-path layering on a DAG; a cycle (a loop through a wait) stops growing after |ids| passes.
  for (let pass = 0; pass < ids.length; pass++) {
    let changed = false;
    for (const e of edges) {
      const next = (depth.get(e.from) ?? 0) + 1;
      if (next > (depth.get(e.to) ?? 0) && next < ids.length) {
        depth.set(e.to, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const rows = new Map<number, string[]>();
  for (const id of ids) rows.set(depth.get(id)!, [...(rows.get(depth.get(id)!) ?? []), id]);
  const positions: Record<string, { x: number; y: number }> = {};
  for (const [row, members] of rows) {
    members.forEach((id, i) => (positions[id] = { x: (i - (members.length - 1) / 2) * 280, y: row * 140 }));
  }
  return positions;
}
