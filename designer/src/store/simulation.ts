import type { StateCreator } from 'zustand';
import type { Store } from './index';

/**
 * What the simulate panel lights up on the canvas: the steps visited and the edges taken, each
 * with the clock time (in the customer's zone) of its first visit. A slice of its own, so a step
 * subscribes to its one entry and the editor's slice does not know about simulations.
 */
export interface SimulationHighlight {
  /** nodeId → badge text, e.g. "20:25". */
  nodes: Record<string, string>;
  /** edge id → badge text. */
  edges: Record<string, string>;
}

export interface SimulationSlice {
  simulateOpen: boolean;
  simulation: SimulationHighlight | null;
  setSimulateOpen(open: boolean): void;
  setSimulation(highlight: SimulationHighlight | null): void;
}

export const createSimulationSlice: StateCreator<Store, [], [], SimulationSlice> = (set) => ({
  simulateOpen: false,
  simulation: null,
  // Closing the panel clears the path: a highlight without its timeline would be unexplained.
  setSimulateOpen: (open) => set(open ? { simulateOpen: true } : { simulateOpen: false, simulation: null }),
  setSimulation: (simulation) => set({ simulation }),
});
