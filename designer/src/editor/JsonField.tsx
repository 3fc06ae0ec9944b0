import type { FieldProps } from '@rjsf/utils';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale, fieldTexts } from '../i18n';

/**
 * rjsf custom field for a free JSON value (a webhook's body): a text area holding the JSON,
 * instead of rjsf's chooser over string/number/…/object. The text is kept while it does not parse,
 * and the config changes only when it does.
 */
export function JsonField({ formData, onChange, fieldPathId, schema, name, errorSchema, disabled, readonly }: FieldProps<unknown>) {
  const { t } = useTranslation();
  const title = fieldTexts(currentLocale())[name]?.title ?? schema.title ?? name;
  const shown = formData === undefined ? '' : JSON.stringify(formData, null, 2);
  const [text, setText] = useState(shown);
  const [bad, setBad] = useState(false);
  // A change from outside (undo, another step selected) replaces what is typed.
  useEffect(() => {
    if (!bad) setText(shown);
  }, [shown]);

  const edit = (next: string) => {
    setText(next);
    try {
      const value = JSON.parse(next) as unknown;
      setBad(false);
      onChange(value, fieldPathId.path);
    } catch {
      setBad(true);
    }
  };
  const errors = errorSchema?.__errors ?? [];
  return (
    <label className="json-field" data-testid={`json-${name}`}>
      <span>{title}</span>
      <textarea className="mono" rows={8} value={text} disabled={disabled || readonly} onChange={(e) => edit(e.target.value)} spellCheck={false} />
      {bad && <span className="error">{t('json.invalid')}</span>}
      {errors.map((e) => (
        <span key={e} className="error">
          {e}
        </span>
      ))}
    </label>
  );
}
