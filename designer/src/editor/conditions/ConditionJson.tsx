import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A condition as JSON text, for what the builder cannot show (or on request). The text is kept
 * while it does not parse; the condition changes only when it does, so nothing is lost mid-typing.
 */
export function ConditionJson({ value, disabled, testId, onChange }: { value: unknown; disabled: boolean; testId: string; onChange(value: unknown): void }) {
  const { t } = useTranslation();
  const shown = value === undefined ? '' : JSON.stringify(value, null, 2);
  const [text, setText] = useState(shown);
  const [bad, setBad] = useState(false);
  // A change from outside (undo, another step selected) replaces what is typed.
  useEffect(() => {
    if (!bad) setText(shown);
  }, [shown]);
  const edit = (next: string) => {
    setText(next);
    try {
      const parsed = next.trim() === '' ? undefined : (JSON.parse(next) as unknown);
      setBad(false);
      onChange(parsed);
    } catch {
      setBad(true);
    }
  };
  return (
    <label className="json-field" data-testid={`${testId}-json-text`}>
      <textarea className="mono" rows={8} value={text} disabled={disabled} onChange={(e) => edit(e.target.value)} spellCheck={false} aria-label="JSON" />
      {bad && <span className="error">{t('json.invalid')}</span>}
    </label>
  );
}
