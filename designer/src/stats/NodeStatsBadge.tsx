import { useTranslation } from 'react-i18next';
import type { NodeStats } from '../api/stats';
import { useStore } from '../store';

type Figure = Exclude<keyof NodeStats, 'nodeId'>;
/** Messages and actions by outcome, shown when the node has any. */
const OUTCOME_FIGURES: Figure[] = ['sent', 'queued', 'failed', 'capped', 'skipped', 'converted', 'actionsRefused', 'actionsFailed'];

/**
 * A step's live figures while 数据/Stats is on: entered and passed always, waiting now on wait
 * steps (and anywhere customers are held), and the node's messages by outcome when it has any,
 * and its actions refused (address guard, coupon used up) or failed for good.
 */
export function NodeStatsBadge({ nodeId, category }: { nodeId: string; category: string | undefined }) {
  const { t } = useTranslation();
  const open = useStore((s) => s.statsOpen);
  const figures = useStore((s) => (s.stats && s.stats.journeyId === s.meta?.id ? (s.stats.byNode[nodeId] ?? null) : undefined));
  if (!open || figures === undefined) return null;
  const n = (key: Figure) => figures?.[key] ?? 0;
  const shown: Figure[] = [
    'entered',
    ...(category === 'wait' || n('waiting') > 0 ? (['waiting'] as Figure[]) : []),
    'passed',
    ...OUTCOME_FIGURES.filter((k) => n(k) > 0),
  ];
  return (
    <div className="step-stats nodrag" data-testid={`node-stats-${nodeId}`}>
      {shown.map((key) => (
        <span key={key} className={`step-stat step-stat-${key}`} title={t(`stats.figure.${key}`)}>
          <span className="step-stat-label">{t(`stats.figure.${key}`)}</span>
          <span className="step-stat-value" data-testid={`node-stat-${nodeId}-${key}`}>
            {n(key).toLocaleString()}
          </span>
        </span>
      ))}
    </div>
  );
}
