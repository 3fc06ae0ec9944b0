import { Handle, Position, useUpdateNodeInternals, type NodeProps } from '@xyflow/react';
import { memo, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n';
import { portLabelsOf, portsOf } from '../model/registry';
import type { StepNode } from '../model/types';
import { useStore } from '../store';
import { GuardrailBadge } from './message/GuardrailBadge';
import { NodeStatsBadge } from '../stats/NodeStatsBadge';
import { useSummaryWords } from './useSummaryWords';
import { summarizeConfig } from '../model/summary';

/**
 * One journey step on the canvas: title, a one-line summary of its config, an input unless it is
 * a trigger, and one output handle per port, labelled in the current language.
 */
function StepNodeView({ id, data, selected }: NodeProps<StepNode>) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const description = useStore((s) => s.nodeTypes[data.nodeType]);
  const problems = useStore((s) => s.problemsByNode[id]);
  // The first virtual time a simulation reached this step (store/simulation.ts), while one is shown.
  const simulatedAt = useStore((s) => s.simulation?.nodes[id]);
  const words = useSummaryWords();
  const ports = portsOf(data.nodeType, data.config, description?.ports);
  const portKey = ports.join('\u0000');
  const labels = description?.labels[locale];
  // A split's branches are named by its config; their labels come from there too.
  const configLabels = useMemo(() => portLabelsOf(data.nodeType, data.config), [data.nodeType, data.config]);
  const fieldOrder = useMemo(() => Object.keys((description?.configSchema as { properties?: object } | undefined)?.properties ?? {}), [description]);
  const summary = useMemo(() => summarizeConfig(data.config, words, fieldOrder, data.nodeType), [data.config, words, fieldOrder, data.nodeType]);

  // Ports may follow the config; React Flow must re-measure the handles when they change. Not on
  // mount: React Flow measures a new step itself, and a forced update from every step of a large
  // journey re-applied all the steps once per step (300 steps opened in tens of seconds).
  const updateNodeInternals = useUpdateNodeInternals();
  const measuredPorts = useRef(portKey);
  useEffect(() => {
    if (measuredPorts.current === portKey) return;
    measuredPorts.current = portKey;
    updateNodeInternals(id);
  }, [id, portKey, updateNodeInternals]);

  const classes = [
    'step',
    `step-${description?.category ?? 'unknown'}`,
    selected ? 'is-selected' : '',
    problems ? 'has-problems' : '',
    simulatedAt ? 'is-simulated' : '',
  ];
  return (
    <div className={classes.join(' ')} data-testid={`node-${id}`} data-node-type={data.nodeType}>
      {description?.category !== 'trigger' && <Handle type="target" position={Position.Top} className="step-in" data-testid={`handle-${id}-in`} />}
      {simulatedAt && (
        <span className="step-sim-badge" data-testid={`node-sim-${id}`}>
          {simulatedAt}
        </span>
      )}
      <div className="step-head">
        <span className="step-title">
          {description?.icon ? (
            <span className="palette-icon" aria-hidden="true">
              {description.icon}
            </span>
          ) : null}
          {labels?.title ?? t('node.unknownType', { type: data.nodeType })}
        </span>
        {problems && (
          <span className="step-badge" title={problems.join('\n')} aria-label={problems.join(' ')} data-testid={`node-problems-${id}`}>
            {problems.length}
          </span>
        )}
      </div>
      {summary && (
        <div className="step-summary" title={summary}>
          {summary}
        </div>
      )}
      {typeof data.config.channel === 'string' && <GuardrailBadge nodeId={id} config={data.config} />}
      <NodeStatsBadge nodeId={id} category={description?.category} />
      {ports.length > 0 && (
        <div className="step-ports">
          {ports.map((port) => (
            <div className="step-port" key={port}>
              <span className="step-port-label">{configLabels[port] ?? labels?.ports?.[port] ?? port}</span>
              <Handle type="source" id={port} position={Position.Bottom} className="step-out" data-testid={`handle-${id}-${port}`} />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

export const StepNodeComponent = memo(StepNodeView);
