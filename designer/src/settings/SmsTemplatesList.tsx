import { useTranslation } from 'react-i18next';
import { smsTemplateVariables } from '../../../engine/facts/sms-templates';
import { useEditing } from './context';
import { Field, TextInput } from './Field';

/**
 * The SMS templates the shop's provider approved (settings `sms.templates`): code, name, approved
 * text with its variables, and whether it is a marketing template. Message steps on Aliyun or
 * Tencent choose among them; the server's check names a bad one by its path.
 */
export function SmsTemplatesList() {
  const { t } = useTranslation();
  const { draft, readOnly, set } = useEditing();
  const templates = draft.sms.templates;
  const path = ['sms', 'templates'] as const;
  return (
    <div className="settings-sms-templates" data-testid="settings-sms-templates">
      <h3>{t('settingsPage.smsTemplates.title')}</h3>
      <p className="muted small">{t('settingsPage.smsTemplates.help')}</p>
      {templates.map((template, i) => (
        <div key={i} className="settings-row" data-testid={`sms-template-${i}`}>
          <Field label={t('settingsPage.smsTemplates.code')} path={[...path, i, 'code']}>
            <TextInput path={[...path, i, 'code']} placeholder="SMS_154950909" />
          </Field>
          <Field label={t('settingsPage.smsTemplates.name')} path={[...path, i, 'name']}>
            <TextInput path={[...path, i, 'name']} placeholder={t('settingsPage.smsTemplates.namePlaceholder')} />
          </Field>
          <Field
            label={t('settingsPage.smsTemplates.text')}
            path={[...path, i, 'text']}
            help={t('settingsPage.smsTemplates.variables', { names: smsTemplateVariables(template.text).join(', ') || '—' })}
          >
            <TextInput path={[...path, i, 'text']} placeholder="${name}您好，您的订单${order}还未付款" />
          </Field>
          <label className="settings-check">
            <input type="checkbox" checked={template.marketing} disabled={readOnly} onChange={(e) => set([...path, i, 'marketing'], e.target.checked)} />
            {t('settingsPage.smsTemplates.marketing')}
          </label>
          {!readOnly && (
            <button
              type="button"
              className="btn btn-ghost btn-small settings-remove"
              onClick={() =>
                set(
                  path,
                  templates.filter((_, j) => j !== i),
                )
              }
            >
              {t('settingsPage.smsTemplates.remove')}
            </button>
          )}
        </div>
      ))}
      {!readOnly && (
        <button
          type="button"
          className="btn"
          data-testid="sms-template-add"
          onClick={() => set(path, [...templates, { code: '', name: '', text: '', marketing: false }])}
        >
          {t('settingsPage.smsTemplates.add')}
        </button>
      )}
    </div>
  );
}
