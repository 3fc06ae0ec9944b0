import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShopTags } from '../useShopTags';

/**
 * Tag pickers over the shop's tags (GET /api/tags). Any tag may be typed: one no customer carries
 * yet is a valid condition (a tag rule or a journey step may give it later), so it is only noted.
 */
export function TagInput({
  value,
  disabled,
  invalid,
  testId,
  onChange,
}: {
  value: string;
  disabled: boolean;
  invalid: boolean;
  testId: string;
  onChange(v: string): void;
}) {
  const { t } = useTranslation();
  const tags = useShopTags(true);
  const listId = useId();
  const unknown = value.trim() !== '' && tags.length > 0 && !tags.some((x) => x.tag === value.trim());
  return (
    <span className="tag-input">
      <input
        list={listId}
        aria-label={t('conditionBuilder.value')}
        aria-invalid={invalid || undefined}
        placeholder={t('conditionBuilder.tagPlaceholder')}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      />
      <datalist id={listId} data-testid={`${testId}-options`}>
        {tags.map((x) => (
          <option key={x.tag} value={x.tag}>
            {t('conditionBuilder.tagCount', { count: x.customers })}
          </option>
        ))}
      </datalist>
      {unknown && (
        <span className="muted small" data-testid={`${testId}-new`}>
          {t('conditionBuilder.newTag')}
        </span>
      )}
    </span>
  );
}

/** Several tags ("has any of"): chips, and an input with the shop's tags to add one more. */
export function TagListInput({
  value,
  disabled,
  invalid,
  testId,
  onChange,
}: {
  value: string[];
  disabled: boolean;
  invalid: boolean;
  testId: string;
  onChange(v: string[]): void;
}) {
  const { t } = useTranslation();
  const tags = useShopTags(true);
  const listId = useId();
  const [draft, setDraft] = useState('');
  const add = () => {
    const tag = draft.trim();
    if (tag !== '' && !value.includes(tag)) onChange([...value, tag]);
    setDraft('');
  };
  return (
    <span className={`tag-list${invalid ? ' is-invalid' : ''}`} data-testid={testId}>
      {value.map((tag) => (
        <span key={tag} className="tag-chip">
          {tag}
          <button
            type="button"
            className="btn-ghost"
            aria-label={t('conditionBuilder.removeTag', { tag })}
            disabled={disabled}
            onClick={() => onChange(value.filter((x) => x !== tag))}
          >
            ×
          </button>
        </span>
      ))}
      <input
        list={listId}
        aria-label={t('conditionBuilder.value')}
        placeholder={t('conditionBuilder.tagPlaceholder')}
        value={draft}
        disabled={disabled}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            add();
          }
        }}
        data-testid={`${testId}-draft`}
      />
      <datalist id={listId}>
        {tags
          .filter((x) => !value.includes(x.tag))
          .map((x) => (
            <option key={x.tag} value={x.tag}>
              {t('conditionBuilder.tagCount', { count: x.customers })}
            </option>
          ))}
      </datalist>
      <button type="button" className="btn btn-small" disabled={disabled || draft.trim() === ''} onClick={add} data-testid={`${testId}-add`}>
        {t('conditionBuilder.addTag')}
      </button>
    </span>
  );
}
