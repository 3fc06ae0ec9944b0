import { create } from 'zustand';
import { createCatalogSlice, type CatalogSlice } from './catalog';
import { createEditingSlice, type EditingSlice } from './editing';
import { createEditorSlice, type EditorSlice } from './editor';
import { createHistorySlice, type HistorySlice } from './history';
import { createSessionSlice, type SessionSlice } from './session';
import { createSimulationSlice, type SimulationSlice } from './simulation';
import { createStatsSlice, type StatsSlice } from './stats';

/**
 * The designer's one store. Components read it through narrow selectors (a node subscribes to
 * its own problems, not to the whole nodes array), so a change re-renders only what shows it.
 */
export type Store = SessionSlice & CatalogSlice & EditorSlice & HistorySlice & EditingSlice & SimulationSlice & StatsSlice;

export const useStore = create<Store>()((...a) => ({
  ...createSessionSlice(...a),
  ...createCatalogSlice(...a),
  ...createEditorSlice(...a),
  ...createHistorySlice(...a),
  ...createEditingSlice(...a),
  ...createSimulationSlice(...a),
  ...createStatsSlice(...a),
}));
