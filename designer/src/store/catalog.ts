import type { StateCreator } from 'zustand';
import { builtinChannels } from '../../../engine/channels/builtin';
import type { ChannelDefinition } from '../../../engine/channels/define';
import type { FactDefinition } from '../../../engine/facts/catalog';
import type { NodeTypeDescription } from '../../../engine/nodes/registry';
import type { Store } from './index';

/**
 * What the server says can be drawn: node types for the palette and forms, facts for conditions,
 * channels (the built-ins and plugins') for the names of messages and summaries.
 */
export interface CatalogSlice {
  nodeTypes: Record<string, NodeTypeDescription>;
  nodeTypeList: NodeTypeDescription[];
  facts: FactDefinition[];
  /** In the registry's order; the built-ins until the server answers. */
  channels: ChannelDefinition[];
  catalogLoaded: boolean;
  setCatalog(nodeTypes: NodeTypeDescription[], facts: FactDefinition[], channels?: ChannelDefinition[]): void;
}

export const createCatalogSlice: StateCreator<Store, [], [], CatalogSlice> = (set) => ({
  nodeTypes: {},
  nodeTypeList: [],
  facts: [],
  channels: [...builtinChannels],
  catalogLoaded: false,
  setCatalog(nodeTypeList, facts, channels = [...builtinChannels]) {
    set({ nodeTypeList, nodeTypes: Object.fromEntries(nodeTypeList.map((d) => [d.type, d])), facts, channels, catalogLoaded: true });
  },
});
