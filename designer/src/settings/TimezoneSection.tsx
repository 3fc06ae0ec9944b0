import { useTranslation } from 'react-i18next';
import { Field, TextInput } from './Field';
import { Section } from './Section';

/** The shop's time zone. */
export function TimezoneSection() {
  const { t } = useTranslation();
  return (
    <Section id="timezone" title={t('settingsPage.timezone.title')}>
      <Field label={t('settingsPage.timezone.label')} path={['timezone']} help={t('settingsPage.timezone.help')}>
        <TextInput path={['timezone']} placeholder="Asia/Shanghai" />
      </Field>
    </Section>
  );
}
