import { useTranslation } from 'react-i18next';
import { useJsonText } from '../useJsonText';

/** A condition as JSON text, for what the builder cannot show (or on request). */
export function ConditionJson({ value, disabled, testId, onChange }: { value: unknown; disabled: boolean; testId: string; onChange(value: unknown): void }) {
  const { t } = useTranslation();
  const { text, bad, edit } = useJsonText(value, onChange, true);
  return (
    <label className="json-field" data-testid={`${testId}-json-text`}>
      <textarea className="mono" rows={8} value={text} disabled={disabled} onChange={(e) => edit(e.target.value)} spellCheck={false} aria-label="JSON" />
      {bad && <span className="error">{t('json.invalid')}</span>}
    </label>
  );
}
