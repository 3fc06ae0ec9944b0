import type { TemplateSummary } from '../api/types';

/** Colour of a step in the thumbnail: the palette's category colours, guessed from the type name. */
function colourOf(type: string): string {
  if (type.startsWith('trigger.')) return 'var(--trigger)';
  if (type.startsWith('wait')) return 'var(--wait)';
  if (type === 'condition' || type.startsWith('split')) return 'var(--decision)';
  if (type === 'exit') return 'var(--flow)';
  return 'var(--action)';
}

const NODE_W = 180;
const NODE_H = 56;

/**
 * A small picture of a template's graph: a box per step at the server's positions and a line per
 * connection. Plain SVG scaled by its viewBox, so the gallery needs no canvas library.
 */
export function TemplatePreview({ preview }: { preview: TemplateSummary['preview'] }) {
  const points = Object.values(preview.positions);
  if (points.length === 0) return null;
  const minX = Math.min(...points.map((p) => p.x)) - 20;
  const minY = Math.min(...points.map((p) => p.y)) - 20;
  const width = Math.max(...points.map((p) => p.x)) + NODE_W + 20 - minX;
  const height = Math.max(...points.map((p) => p.y)) + NODE_H + 20 - minY;
  const at = preview.positions;
  return (
    <svg
      className="template-preview"
      viewBox={`${minX} ${minY} ${width} ${height}`}
      preserveAspectRatio="xMidYMid meet"
      aria-hidden="true"
      data-testid="template-preview"
    >
      {preview.edges.map((e) => {
        const from = at[e.from];
        const to = at[e.to];
        if (!from || !to) return null;
        return (
          <line
            key={`${e.from}:${e.port}->${e.to}`}
            x1={from.x + NODE_W / 2}
            y1={from.y + NODE_H}
            x2={to.x + NODE_W / 2}
            y2={to.y}
            stroke="#b8bfc8"
            strokeWidth={6}
          />
        );
      })}
      {preview.nodes.map((n) => {
        const p = at[n.id];
        if (!p) return null;
        return (
          <rect
            key={n.id}
            x={p.x}
            y={p.y}
            width={NODE_W}
            height={NODE_H}
            rx={10}
            fill="#fff"
            stroke={colourOf(n.type)}
            strokeWidth={8}
            data-node-type={n.type}
          />
        );
      })}
    </svg>
  );
}
