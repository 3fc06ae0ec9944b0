import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../../engine/nodes/define';
import { smsLength } from '../../model/template-edit';
import { useTemplatePreview } from './useTemplatePreview';

/**
 * The live preview under the message: who it is rendered for (the sample customer, or a stored
 * customer by id), the text, for SMS its length and parts with a warning over one part, and the
 * template's problems (a tag left open, a variable with no value).
 */
export function TemplatePreviewPane(props: { template: string; channel: 'sms' | 'email' | 'task'; locale: Locale; optOut?: boolean }) {
  const { t } = useTranslation();
  const { template, channel, locale, optOut = false } = props;
  const [typedId, setTypedId] = useState('');
  const [useReal, setUseReal] = useState(false);
  const state = useTemplatePreview(template, channel, useReal && typedId.trim() !== '' ? typedId.trim() : null, locale, optOut);
  const preview = state.kind === 'ready' ? state.preview : state.kind === 'loading' ? state.last : undefined;
  const sms = preview ? smsLength(preview) : null;

  return (
    <div className="template-preview" data-testid="template-preview" data-state={state.kind}>
      <div className="template-preview-head">
        <strong>{t('messageEditor.preview')}</strong>
        <label className="small">
          <span className="muted">{t('messageEditor.previewWith')} </span>
          <select value={useReal ? 'real' : 'sample'} data-testid="preview-customer-kind" onChange={(e) => setUseReal(e.target.value === 'real')}>
            <option value="sample">{t('messageEditor.sampleCustomer')}</option>
            <option value="real">{t('messageEditor.realCustomer')}</option>
          </select>
        </label>
        {useReal && (
          <input
            className="small"
            aria-label={t('messageEditor.customerId')}
            placeholder={t('messageEditor.customerIdPlaceholder')}
            value={typedId}
            data-testid="preview-customer-id"
            onChange={(e) => setTypedId(e.target.value)}
          />
        )}
      </div>
      {state.kind === 'empty' && <p className="muted small">{t('messageEditor.empty')}</p>}
      {state.kind === 'invalid' && (
        <p className="error" role="alert" data-testid="template-error">
          {t('messageEditor.templateError', { message: state.message })}
        </p>
      )}
      {state.kind === 'failed' && (
        <p className="error" role="alert" data-testid="template-error">
          {t('messageEditor.previewFailed', { message: state.message })}
        </p>
      )}
      {preview && state.kind !== 'invalid' && state.kind !== 'failed' && (
        <>
          <div className={`template-preview-text channel-${channel}`} data-testid="template-preview-text" aria-busy={state.kind === 'loading'}>
            {preview.text}
          </div>
          {sms ? (
            <p className={`sms-length small ${sms.warn ? 'is-warning' : ''}`} data-testid="sms-length" data-segments={sms.segments}>
              {t('messageEditor.sms', { count: sms.segments, length: sms.length })}
            </p>
          ) : (
            <p className="muted small">{t('messageEditor.characters', { length: preview.length })}</p>
          )}
          {sms?.warn && (
            <p className="warning small" role="status" data-testid="sms-warning">
              {t('messageEditor.smsWarning', { count: sms.segments, per: sms.perSegment, encoding: sms.encoding })}
            </p>
          )}
          {preview.unknownVariables.length > 0 && (
            <p className="error small" data-testid="template-unknown">
              {t('messageEditor.unknownVariables', { names: preview.unknownVariables.map((n) => `{{${n}}}`).join(locale === 'zh-CN' ? '、' : ', ') })}
            </p>
          )}
        </>
      )}
      {state.kind === 'loading' && !preview && <p className="muted small">{t('messageEditor.previewing')}</p>}
    </div>
  );
}
