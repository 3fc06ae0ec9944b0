import type { DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { NodeCategory } from '../../../engine/nodes/define';
import { currentLocale } from '../i18n';
import { useStore } from '../store';

/** The data type a palette drag carries: the node type to add. */
export const DRAG_TYPE = 'application/x-huitou-step';

const ORDER: NodeCategory[] = ['trigger', 'wait', 'decision', 'action', 'flow'];

/**
 * Node types from GET /api/node-types, grouped by category. Each item can be dragged onto the
 * canvas or clicked (or activated with the keyboard) to add it.
 */
export function Palette({ onAdd }: { onAdd(nodeType: string): void }) {
  const { t } = useTranslation();
  const list = useStore((s) => s.nodeTypeList);
  const locale = currentLocale();
  const groups = ORDER.map((category) => ({ category, items: list.filter((d) => d.category === category) })).filter((g) => g.items.length > 0);

  const onDragStart = (e: DragEvent, nodeType: string) => {
    e.dataTransfer.setData(DRAG_TYPE, nodeType);
    e.dataTransfer.effectAllowed = 'move';
  };

  return (
    <aside className="palette" aria-label={t('palette.title')} data-testid="palette">
      <h2>{t('palette.title')}</h2>
      <p className="muted small">{t('palette.help')}</p>
      {groups.map(({ category, items }) => (
        <section key={category} className="palette-group">
          <h3>{t(`palette.category.${category}`)}</h3>
          {items.map((d) => (
            <button
              type="button"
              key={d.type}
              className={`palette-item step-${category}`}
              draggable
              onDragStart={(e) => onDragStart(e, d.type)}
              onClick={() => onAdd(d.type)}
              title={d.labels[locale].description}
              data-testid={`palette-${d.type}`}
            >
              <span className="palette-title">
                {d.icon ? (
                  <span className="palette-icon" aria-hidden="true">
                    {d.icon}
                  </span>
                ) : null}
                {d.labels[locale].title}
              </span>
              <span className="palette-desc">{d.labels[locale].description}</span>
            </button>
          ))}
        </section>
      ))}
    </aside>
  );
}
