import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The customer's tags: manual ones removable, rule ones shown as such; a new manual tag added by name. */
export function TagEditor({
  tags,
  manualTags,
  onAdd,
  onRemove,
}: {
  tags: string[];
  manualTags: string[];
  onAdd: (tag: string) => void;
  onRemove: (tag: string) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const manual = new Set(manualTags);
  return (
    <section className="card" data-testid="customer-tags">
      <h2>{t('customersPage.tags.title')}</h2>
      {tags.length === 0 && <p>{t('customersPage.tags.none')}</p>}
      <ul className="tag-list">
        {tags.map((tag) => (
          <li key={tag} className={manual.has(tag) ? 'tag-chip manual' : 'tag-chip rule'} data-testid="customer-tag" data-tag={tag}>
            {tag}
            {manual.has(tag) ? (
              <button type="button" aria-label={t('customersPage.tags.remove', { tag })} onClick={() => onRemove(tag)} data-testid="tag-remove">
                ×
              </button>
            ) : (
              <span className="muted"> ({t('customersPage.tags.rule')})</span>
            )}
          </li>
        ))}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const tag = draft.trim();
          if (tag) onAdd(tag);
          setDraft('');
        }}
      >
        <input
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          placeholder={t('customersPage.tags.placeholder')}
          maxLength={100}
          data-testid="tag-input"
        />
        <button type="submit" data-testid="tag-add">
          {t('customersPage.tags.add')}
        </button>
      </form>
    </section>
  );
}
