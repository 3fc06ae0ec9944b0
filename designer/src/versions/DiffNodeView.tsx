import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSummaryWords } from '../editor/useSummaryWords';
import { currentLocale } from '../i18n';
import { portLabelsOf, portsOf } from '../model/registry';
import { summarizeConfig } from '../model/summary';
import { useStore } from '../store';
import type { DiffFlowNode } from './diff-flow';

/**
 * A step on the diff canvas: the editor's step look (title, summary, ports), read-only, with a
 * colour for what the newer version did to it and a tag saying so.
 */
function DiffNodeView({ id, data }: NodeProps<DiffFlowNode>) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const description = useStore((s) => s.nodeTypes[data.nodeType]);
  const words = useSummaryWords();
  const ports = portsOf(data.nodeType, data.config, description?.ports);
  const configLabels = useMemo(() => portLabelsOf(data.nodeType, data.config), [data.nodeType, data.config]);
  const fieldOrder = useMemo(() => Object.keys((description?.configSchema as { properties?: object } | undefined)?.properties ?? {}), [description]);
  const summary = useMemo(() => summarizeConfig(data.config, words, fieldOrder, data.nodeType), [data.config, words, fieldOrder, data.nodeType]);
  const labels = description?.labels[locale];

  return (
    <div
      className={`step step-${description?.category ?? 'unknown'} diff-${data.status}`}
      data-testid={`diff-node-${id}`}
      data-diff-status={data.status}
      data-node-type={data.nodeType}
    >
      {description?.category !== 'trigger' && <Handle type="target" position={Position.Top} className="step-in" isConnectable={false} />}
      <div className="step-head">
        <span className="step-title">{labels?.title ?? t('node.unknownType', { type: data.nodeType })}</span>
        {data.status !== 'same' && <span className={`diff-tag diff-tag-${data.status}`}>{t(`versions.legend.${data.status}`)}</span>}
      </div>
      {summary && (
        <div className="step-summary" title={summary}>
          {summary}
        </div>
      )}
      {ports.length > 0 && (
        <div className="step-ports">
          {ports.map((port) => (
            <div className="step-port" key={port}>
              <span className="step-port-label">{configLabels[port] ?? labels?.ports?.[port] ?? port}</span>
              <Handle type="source" id={port} position={Position.Bottom} className="step-out" isConnectable={false} />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

export const DiffNodeComponent = memo(DiffNodeView);
