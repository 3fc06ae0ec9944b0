import { useTranslation } from 'react-i18next';
import { Field, TextInput } from './Field';
import { Section } from './Section';
import { SmsTemplatesList } from './SmsTemplatesList';

/** The SMS signature (none until the shop sets one) and the provider-approved templates. */
export function SmsSection() {
  const { t } = useTranslation();
  return (
    <Section id="sms" title={t('settingsPage.sms.title')}>
      <Field label={t('settingsPage.sms.label')} path={['sms', 'signature']} help={t('settingsPage.sms.help')}>
        <TextInput path={['sms', 'signature']} placeholder="【回头小店】" empty={null} />
      </Field>
      <SmsTemplatesList />
    </Section>
  );
}
