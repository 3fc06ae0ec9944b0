import { Background, Controls, ReactFlow, ReactFlowProvider, useReactFlow, type NodeTypes } from '@xyflow/react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Journey } from '../../../engine/journey/schema';
import { diffJourneys } from '../model/diff';
import { describeDiff, type ChangeLine } from '../model/diff-words';
import { DiffNodeComponent } from './DiffNodeView';
import { diffToFlow } from './diff-flow';
import { useDiffWords } from './useDiffWords';

const nodeTypes: NodeTypes = { diff: DiffNodeComponent };

/** Two versions compared: the newer one drawn with its changes marked, and the changes in words. */
export function DiffView({ older, newer }: { older: Journey; newer: Journey }) {
  return (
    <ReactFlowProvider>
      <DiffBody older={older} newer={newer} />
    </ReactFlowProvider>
  );
}

function DiffBody({ older, newer }: { older: Journey; newer: Journey }) {
  const { t } = useTranslation();
  const words = useDiffWords();
  const diff = useMemo(() => diffJourneys(older, newer), [older, newer]);
  const flow = useMemo(() => diffToFlow(older, newer, diff), [older, newer, diff]);
  const lines = useMemo(() => describeDiff(diff, older, newer, words), [diff, older, newer, words]);
  const { fitView } = useReactFlow();
  // A click on a change brings its step into view.
  const show = (line: ChangeLine) => line.nodeId && void fitView({ nodes: [{ id: line.nodeId }], duration: 300, maxZoom: 1.2 });

  return (
    <div className="diff-view">
      <div className="diff-canvas" data-testid="diff-canvas">
        <ReactFlow
          nodes={flow.nodes}
          edges={flow.edges}
          nodeTypes={nodeTypes}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          deleteKeyCode={null}
          fitView
          fitViewOptions={{ maxZoom: 1, padding: 0.15 }}
          minZoom={0.1}
          maxZoom={2}
        >
          <Background gap={20} />
          <Controls showInteractive={false} />
        </ReactFlow>
        <div className="diff-legend">
          {(['added', 'removed', 'changed'] as const).map((s) => (
            <span key={s} className={`diff-tag diff-tag-${s}`}>
              {t(`versions.legend.${s}`)}
            </span>
          ))}
        </div>
      </div>
      <div className="diff-changes">
        <h3>{t('versions.changes')}</h3>
        {lines.length === 0 ? (
          <p className="muted" data-testid="diff-no-changes">
            {t('versions.noChanges')}
          </p>
        ) : (
          <ul data-testid="diff-changes">
            {lines.map((line, i) => (
              <li key={i} className={`diff-line diff-line-${line.kind}`} data-kind={line.kind} data-node-id={line.nodeId}>
                {line.nodeId ? (
                  <button type="button" className="linklike" onClick={() => show(line)}>
                    {line.text}
                  </button>
                ) : (
                  line.text
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
