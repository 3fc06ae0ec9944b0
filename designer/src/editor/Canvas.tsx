import {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  type DefaultEdgeOptions,
  type IsValidConnection,
  type NodeTypes,
  type XYPosition,
} from '@xyflow/react';
import { useCallback, useMemo, useState, type DragEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n';
import { portLabelsOf } from '../model/registry';
import type { StepEdge, StepNode } from '../model/types';
import { useStore } from '../store';
import { EditingToolbar } from './EditingToolbar';
import { DRAG_TYPE } from './Palette';
import { StepNodeComponent } from './StepNodeView';
import { useStableNodeData } from './useStableNodeData';

// Module scope: a new object on each render would make React Flow remount every node.
const nodeTypes: NodeTypes = { step: StepNodeComponent };
const defaultEdgeOptions: DefaultEdgeOptions = { type: 'smoothstep', markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 } };
const deleteKeys = ['Backspace', 'Delete'];
const categoryColours: Record<string, string> = { trigger: '#7c3aed', wait: '#0284c7', decision: '#d97706', action: '#059669', flow: '#64748b' };
const miniMapColor = (node: StepNode) => categoryColours[useStore.getState().nodeTypes[node.data.nodeType]?.category ?? 'flow'] ?? '#64748b';

export function Canvas({ pane, onDropStep }: { pane: RefObject<HTMLDivElement | null>; onDropStep(nodeType: string, at: XYPosition): void }) {
  const { t, i18n } = useTranslation();
  const nodes = useStore((s) => s.nodes);
  const edges = useStore((s) => s.edges);
  const catalog = useStore((s) => s.nodeTypes);
  const onNodesChange = useStore((s) => s.onNodesChange);
  const onEdgesChange = useStore((s) => s.onEdgesChange);
  const connect = useStore((s) => s.connect);
  const simulation = useStore((s) => s.simulation);
  const reconnect = useStore((s) => s.reconnect);
  // Fit a journey that opens with steps into view; an empty one keeps the default viewport, so
  // the first step added does not make the canvas jump.
  const [fitOnOpen] = useState(() => useStore.getState().nodes.length > 0);

  // Branch labels on the edges ("yes", "timed out") make a drawn journey readable at a glance.
  // They are derived for display only; the store's edges stay JSON without them.
  const language = i18n.language;
  const byId = useStableNodeData(nodes);
  const shownEdges = useMemo(() => {
    const locale = currentLocale();
    const labelled = edges.map((e): StepEdge => {
      const source = byId.get(e.source);
      const description = catalog[source?.nodeType ?? ''];
      if (!source || !description || description.ports.length < 2 || !e.sourceHandle) return e;
      const label = portLabelsOf(source.nodeType, source.config)[e.sourceHandle] ?? description.labels[locale].ports?.[e.sourceHandle] ?? e.sourceHandle;
      return { ...e, label };
    });
    // A simulation's path: the edges the customer took, animated (the time is on the steps).
    return simulation ? labelled.map((e) => (simulation.edges[e.id] ? { ...e, className: 'is-simulated', animated: true } : e)) : labelled;
    // language: the labels follow it.
  }, [edges, byId, catalog, language, simulation]);

  // Customers enter at the trigger, so nothing may lead into it; a step does not lead to itself.
  const isValidConnection: IsValidConnection<StepEdge> = useCallback((c) => {
    if (c.source === c.target) return false;
    const { nodes: all, nodeTypes: types } = useStore.getState();
    const target = all.find((n) => n.id === c.target);
    return !!target && types[target.data.nodeType]?.category !== 'trigger';
  }, []);

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(DRAG_TYPE)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const nodeType = e.dataTransfer.getData(DRAG_TYPE);
      if (!nodeType) return;
      e.preventDefault();
      onDropStep(nodeType, { x: e.clientX, y: e.clientY });
    },
    [onDropStep],
  );

  const trigger = Object.values(catalog).find((d) => d.category === 'trigger');
  return (
    <div className="canvas" ref={pane} data-testid="canvas" onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow
        nodes={nodes}
        edges={shownEdges}
        nodeTypes={nodeTypes}
        defaultEdgeOptions={defaultEdgeOptions}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={connect}
        onReconnect={reconnect}
        isValidConnection={isValidConnection}
        deleteKeyCode={deleteKeys}
        fitView={fitOnOpen}
        fitViewOptions={{ maxZoom: 1, padding: 0.2 }}
        minZoom={0.2}
        maxZoom={2}
      >
        <Background gap={20} />
        <Controls showInteractive={false} />
        <EditingToolbar />
        <MiniMap pannable zoomable className="minimap" nodeColor={miniMapColor} />
      </ReactFlow>
      {nodes.length === 0 && trigger && (
        <div className="canvas-empty" data-testid="canvas-empty">
          {t('canvas.empty', { trigger: trigger.labels[currentLocale()].title })}
        </div>
      )}
    </div>
  );
}
