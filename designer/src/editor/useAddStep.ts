import { useReactFlow, type XYPosition } from '@xyflow/react';
import { useCallback, type RefObject } from 'react';
import { useStore } from '../store';

/** Half the width of a step (see .step in styles.css) and roughly half its height. */
const HALF_STEP = { x: 110, y: 36 };
/** Vertical distance between steps added by clicking: a step is about 90px high. */
const ROW = 130;

/**
 * Adds a step of a type with its default config where it was dropped (a screen point), or, for
 * click-to-add, under the selected step, moved down until it does not cover another.
 */
export function useAddStep(pane: RefObject<HTMLDivElement | null>): (nodeType: string, dropAt?: XYPosition) => void {
  const { screenToFlowPosition } = useReactFlow();
  return useCallback(
    (nodeType, dropAt) => {
      const { nodeTypes, nodes, selectedNodeId, addNode } = useStore.getState();
      const description = nodeTypes[nodeType];
      const rect = pane.current?.getBoundingClientRect();
      if (!description || !rect) return;
      let position: XYPosition;
      if (dropAt) {
        const at = screenToFlowPosition(dropAt);
        position = { x: Math.round(at.x - HALF_STEP.x), y: Math.round(at.y - HALF_STEP.y) };
      } else {
        // Clicking through the palette builds a column: each step goes under the selected one
        // (a new step is selected), the first one near the top middle of the visible canvas.
        const selected = nodes.find((n) => n.id === selectedNodeId);
        if (selected) position = { x: selected.position.x, y: selected.position.y + ROW };
        else {
          const start = screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 4 });
          position = { x: Math.round(start.x - HALF_STEP.x), y: Math.round(start.y - HALF_STEP.y) };
        }
        const covered = (p: XYPosition) => nodes.some((n) => Math.abs(n.position.x - p.x) < 100 && Math.abs(n.position.y - p.y) < 80);
        for (let i = 0; i < 50 && covered(position); i++) position = { x: position.x, y: position.y + ROW };
      }
      addNode(nodeType, description.defaultConfig, position);
    },
    [pane, screenToFlowPosition],
  );
}
