import { useTranslation } from 'react-i18next';
import { useEditing } from './context';
import { Field, NumberInput, Problems } from './Field';
import { Section } from './Section';

/** Lifecycle stages: windows in days since the last purchase, or the 3:3:3:1 split of the buyers. */
export function LifecycleSection() {
  const { t } = useTranslation();
  const { draft, readOnly, set } = useEditing();
  const mode = draft.lifecycle.mode;
  return (
    <Section id="lifecycle" title={t('settingsPage.lifecycle.title')}>
      <fieldset className="settings-choice" disabled={readOnly}>
        <legend>{t('settingsPage.lifecycle.mode')}</legend>
        {(['windows', 'ratio'] as const).map((m) => (
          <label key={m}>
            <input type="radio" name="lifecycle-mode" value={m} checked={mode === m} onChange={() => set(['lifecycle', 'mode'], m)} />
            {t(`settingsPage.lifecycle.${m}`)}
          </label>
        ))}
      </fieldset>
      {mode === 'ratio' && <p className="muted small">{t('settingsPage.lifecycle.ratioHelp')}</p>}
      <div className="settings-row">
        {(['activeDays', 'silentDays', 'sleepingDays'] as const).map((k) => (
          <Field key={k} label={t(`settingsPage.lifecycle.${k}`)} path={['lifecycle', k]}>
            <NumberInput path={['lifecycle', k]} disabled={mode === 'ratio'} />
          </Field>
        ))}
      </div>
      <Problems path={['lifecycle']} exact />
    </Section>
  );
}
