import type { FieldProps } from '@rjsf/utils';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { smsTemplateVariables } from '../../../../engine/facts/sms-templates';
import { currentLocale } from '../../i18n';
import { smsTemplatePreview } from '../../model/sms-template-preview';
import { useStore } from '../../store';
import type { ConfigFormContext } from './TemplateWidget';
import { useShopSms } from './useShopMessaging';

interface Choice {
  code: string;
  variables: Record<string, string>;
}

/**
 * A message step's provider template (`smsTemplate`, shown on the SMS channel only): the shop's
 * registered templates (settings `sms.templates`) to choose from, the chosen one's approved text
 * and variables, a field per variable (a Mustache template over customer, order and coupon), and
 * the SMS as the sample customer would get it, signature first. "Free text" keeps the message
 * field, for the local sink and the generic gateway.
 */
export function SmsTemplateField({ formData, onChange: change, registry, disabled, readonly, fieldPathId }: FieldProps<Choice | undefined>) {
  const { t } = useTranslation();
  const nodeId = (registry.formContext as ConfigFormContext | undefined)?.nodeId;
  const channel = useStore((s) => s.nodes.find((n) => n.id === nodeId)?.data.config.channel);
  const sms = useShopSms();
  const chosen = formData?.code ? formData : undefined;
  const template = sms?.templates.find((x) => x.code === chosen?.code);
  const variables = useMemo(() => (template ? smsTemplateVariables(template.text) : []), [template]);
  const locked = disabled || readonly;
  const onChange = (next: Choice | undefined) => change(next, fieldPathId.path);
  if ((channel ?? 'sms') !== 'sms') return null;

  const choose = (code: string) => {
    const next = sms?.templates.find((x) => x.code === code);
    // Keeps what was mapped for variables the new template shares with the old one.
    if (next) onChange({ code, variables: Object.fromEntries(smsTemplateVariables(next.text).map((v) => [v, chosen?.variables[v] ?? ''])) });
    else onChange(undefined);
  };
  const setVariable = (name: string, value: string) => onChange({ code: chosen!.code, variables: { ...chosen!.variables, [name]: value } });
  const id = fieldPathId.$id;

  return (
    <fieldset className="sms-template-field" data-testid="sms-template-field">
      <legend>{t('smsTemplates.title')}</legend>
      <select id={id} value={chosen?.code ?? ''} disabled={locked} onChange={(e) => choose(e.target.value)} data-testid="sms-template-select">
        <option value="">{t('smsTemplates.freeText')}</option>
        {(sms?.templates ?? []).map((x) => (
          <option key={x.code} value={x.code}>
            {x.name} · {x.code}
            {x.marketing ? ` · ${t('smsTemplates.marketing')}` : ''}
          </option>
        ))}
        {chosen && !template && <option value={chosen.code}>{t('smsTemplates.unregistered', { code: chosen.code })}</option>}
      </select>
      {sms && sms.templates.length === 0 && <p className="muted">{t('smsTemplates.none')}</p>}
      {template && (
        <>
          <p className="sms-template-text" data-testid="sms-template-text">
            {template.text}
          </p>
          {variables.map((name) => (
            <label key={name} className="sms-template-variable">
              <span>
                {t('smsTemplates.variable')} <code>{/^\d+$/.test(name) ? `{${name}}` : `\${${name}}`}</code>
              </span>
              <input
                type="text"
                value={chosen?.variables[name] ?? ''}
                disabled={locked}
                placeholder="{{order.id}}"
                data-testid={`sms-variable-${name}`}
                onChange={(e) => setVariable(name, e.target.value)}
              />
            </label>
          ))}
          <SmsPreview text={template.text} variables={chosen?.variables ?? {}} signature={sms?.signature ?? null} />
        </>
      )}
    </fieldset>
  );
}

/** The SMS as the sample customer would read it (model/sms-template-preview.ts). */
function SmsPreview({ text, variables, signature }: { text: string; variables: Record<string, string>; signature: string | null }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const preview = useMemo(() => smsTemplatePreview({ text, variables, signature, locale, now: new Date() }), [text, variables, signature, locale]);
  return (
    <div className="sms-template-preview" data-testid="sms-template-preview">
      <span className="muted">{t('smsTemplates.preview')}</span>
      <p>
        {preview.signature ?? t('smsTemplates.noSignature')}
        {preview.text}
      </p>
    </div>
  );
}
