import { useReactFlow } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../store';
import { useStepTitles } from './useStepTitles';

/** Every problem with its path and message; clicking one selects its step and brings it into view. */
export function ProblemsPanel() {
  const { t } = useTranslation();
  const problems = useStore((s) => s.problems);
  const source = useStore((s) => s.problemSource);
  const selectNode = useStore((s) => s.selectNode);
  const titles = useStepTitles();
  const { getNode, setCenter, getZoom } = useReactFlow();

  const show = (nodeId: string) => {
    selectNode(nodeId);
    const node = getNode(nodeId);
    if (node) {
      const { width = 220, height = 80 } = node.measured ?? {};
      void setCenter(node.position.x + width / 2, node.position.y + height / 2, { zoom: getZoom(), duration: 300 });
    }
  };

  return (
    <section className={`problems ${problems.length ? 'has-problems' : ''}`} data-testid="problems-panel" data-count={problems.length} aria-live="polite">
      <h2>
        {t('problems.title')} <span className="count">{problems.length}</span>
      </h2>
      {problems.length === 0 ? (
        <p className="muted small">{t('problems.none')}</p>
      ) : (
        <>
          {source === 'server' && <p className="small">{t('problems.fromServer')}</p>}
          <ul>
            {problems.map((p, i) => (
              <li key={`${p.path}:${p.code}:${i}`} data-testid={`problem-${i}`} data-node-id={p.nodeId}>
                {p.nodeId ? (
                  <button type="button" className="problem-link" onClick={() => show(p.nodeId!)}>
                    <strong>{titles.get(p.nodeId) ?? p.nodeId}</strong> {p.message} <code>{p.path}</code>
                  </button>
                ) : (
                  <span>
                    <strong>{t('problems.journey')}</strong> {p.message} {p.path && <code>{p.path}</code>}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
