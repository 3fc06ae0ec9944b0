import { useTranslation } from 'react-i18next';
import { Field, TextInput } from './Field';
import { Section } from './Section';

/** The SMS signature put before every SMS (none until the shop sets one). */
export function SmsSection() {
  const { t } = useTranslation();
  return (
    <Section id="sms" title={t('settingsPage.sms.title')}>
      <Field label={t('settingsPage.sms.label')} path={['sms', 'signature']} help={t('settingsPage.sms.help')}>
        <TextInput path={['sms', 'signature']} placeholder="【回头小店】" empty={null} />
      </Field>
    </Section>
  );
}
