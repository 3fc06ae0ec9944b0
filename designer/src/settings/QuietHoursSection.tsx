import { useTranslation } from 'react-i18next';
import { useEditing } from './context';
import { Field, NumberInput, Problems, TextInput } from './Field';
import { Section } from './Section';

const path = ['messaging', 'quietHours'] as const;

/** Quiet hours (from, to, hold or skip, whole quiet days by the official calendar; or off) and the priority arbitration window. */
export function QuietHoursSection() {
  const { t } = useTranslation();
  const { draft, readOnly, set } = useEditing();
  const quiet = draft.messaging.quietHours;
  return (
    <Section id="quiet" title={t('settingsPage.quiet.title')}>
      <label className="settings-check">
        <input
          type="checkbox"
          data-testid="field-messaging.quietHours"
          checked={quiet !== null}
          disabled={readOnly}
          onChange={(e) => set(path, e.target.checked ? { from: '21:00', to: '09:00', mode: 'hold', days: 'none' } : null)}
        />
        {t('settingsPage.quiet.on')}
      </label>
      {quiet && (
        <div className="settings-row">
          <Field label={t('settingsPage.quiet.from')} path={[...path, 'from']}>
            <TextInput path={[...path, 'from']} placeholder="21:00" />
          </Field>
          <Field label={t('settingsPage.quiet.to')} path={[...path, 'to']}>
            <TextInput path={[...path, 'to']} placeholder="09:00" />
          </Field>
          <Field label={t('settingsPage.quiet.mode')} path={[...path, 'mode']}>
            <select
              value={quiet.mode}
              disabled={readOnly}
              data-testid="field-messaging.quietHours.mode"
              onChange={(e) => set([...path, 'mode'], e.target.value)}
            >
              <option value="hold">{t('settingsPage.quiet.hold')}</option>
              <option value="skip">{t('settingsPage.quiet.skip')}</option>
            </select>
          </Field>
          <Field label={t('settingsPage.quiet.days')} path={[...path, 'days']} help={t('settingsPage.quiet.daysHelp')}>
            <select
              value={quiet.days ?? 'none'}
              disabled={readOnly}
              data-testid="field-messaging.quietHours.days"
              onChange={(e) => set([...path, 'days'], e.target.value)}
            >
              <option value="none">{t('settingsPage.quiet.daysNone')}</option>
              <option value="holidays">{t('settingsPage.quiet.daysHolidays')}</option>
              <option value="off">{t('settingsPage.quiet.daysOff')}</option>
            </select>
          </Field>
        </div>
      )}
      <Problems path={path} exact />
      <Field label={t('settingsPage.quiet.arbitration')} path={['messaging', 'arbitrationSeconds']} help={t('settingsPage.quiet.arbitrationHelp')}>
        <NumberInput path={['messaging', 'arbitrationSeconds']} />
      </Field>
    </Section>
  );
}
