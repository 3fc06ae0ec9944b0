import type { StateCreator } from 'zustand';
import type { FactDefinition } from '../../../engine/facts/catalog';
import type { NodeTypeDescription } from '../../../engine/nodes/registry';
import type { Store } from './index';

/** What the server says can be drawn: node types for the palette and forms, facts for conditions. */
export interface CatalogSlice {
  nodeTypes: Record<string, NodeTypeDescription>;
  nodeTypeList: NodeTypeDescription[];
  facts: FactDefinition[];
  catalogLoaded: boolean;
  setCatalog(nodeTypes: NodeTypeDescription[], facts: FactDefinition[]): void;
}

export const createCatalogSlice: StateCreator<Store, [], [], CatalogSlice> = (set) => ({
  nodeTypes: {},
  nodeTypeList: [],
  facts: [],
  catalogLoaded: false,
  setCatalog(nodeTypeList, facts) {
    set({ nodeTypeList, nodeTypes: Object.fromEntries(nodeTypeList.map((d) => [d.type, d])), facts, catalogLoaded: true });
  },
});
