import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n';
import { useStore } from '../store';
import { JourneySettings } from './JourneySettings';
import { GuardrailPanel } from './message/GuardrailPanel';
import { BroadcastAudience } from '../segments/BroadcastAudience';

// rjsf and Ajv are the largest part of the bundle and only needed once a step is selected.
const ConfigForm = lazy(() => import('./ConfigForm').then((m) => ({ default: m.ConfigForm })));

/** The right-hand panel: the selected step's form, or what to do when nothing is selected. */
export function Inspector() {
  const { t } = useTranslation();
  const node = useStore((s) => (s.selectedNodeId ? s.nodes.find((n) => n.id === s.selectedNodeId) : undefined));
  const description = useStore((s) => (node ? s.nodeTypes[node.data.nodeType] : undefined));
  const selectedEdgeId = useStore((s) => s.selectedEdgeId);
  const removeNode = useStore((s) => s.removeNode);
  const removeEdge = useStore((s) => s.removeEdge);
  const labels = description?.labels[currentLocale()];

  if (!node) {
    return (
      <aside className="inspector" data-testid="inspector">
        {selectedEdgeId ? (
          <>
            <p className="muted">{t('inspector.edgeSelected')}</p>
            <button type="button" className="btn btn-danger" onClick={() => removeEdge(selectedEdgeId)} data-testid="delete-edge">
              {t('canvas.deleteEdge')}
            </button>
          </>
        ) : (
          <>
            <p className="muted">{t('inspector.none')}</p>
            <JourneySettings />
          </>
        )}
      </aside>
    );
  }

  const hasFields = Object.keys((description?.configSchema.properties as object | undefined) ?? {}).length > 0;
  return (
    <aside className="inspector" data-testid="inspector" data-node-id={node.id}>
      <div className={`inspector-head step-${description?.category ?? 'unknown'}`}>
        <h2>{labels?.title ?? t('node.unknownType', { type: node.data.nodeType })}</h2>
        {labels && <p className="muted small">{labels.description}</p>}
        <p className="small">
          <span className="muted">{t('inspector.id')}: </span>
          <code>{node.id}</code>
        </p>
      </div>
      <GuardrailPanel config={node.data.config} />
      {description && hasFields ? (
        <Suspense fallback={<p className="muted">{t('loading')}</p>}>
          <ConfigForm key={node.id} nodeId={node.id} description={description} config={node.data.config} />
        </Suspense>
      ) : (
        <p className="muted">{t('inspector.noConfig')}</p>
      )}
      {node.data.nodeType === 'trigger.broadcast' && <BroadcastAudience config={node.data.config as Record<string, unknown>} />}
      <button type="button" className="btn btn-danger" onClick={() => removeNode(node.id)} data-testid="delete-node">
        {t('inspector.delete')}
      </button>
    </aside>
  );
}
