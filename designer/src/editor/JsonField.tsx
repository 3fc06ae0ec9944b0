import type { FieldProps } from '@rjsf/utils';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n';
import { fieldTextOf } from './fieldTexts';
import { useJsonText } from './useJsonText';

/**
 * rjsf custom field for a free JSON value (a webhook's body): a text area holding the JSON,
 * instead of rjsf's chooser over string/number/…/object.
 */
export function JsonField({ formData, onChange, fieldPathId, schema, name, errorSchema, disabled, readonly }: FieldProps<unknown>) {
  const { t } = useTranslation();
  const title = fieldTextOf(schema, currentLocale())?.title ?? schema.title ?? name;
  const { text, bad, edit } = useJsonText(formData, (value) => onChange(value, fieldPathId.path));
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
