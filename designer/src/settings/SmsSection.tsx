import { useTranslation } from 'react-i18next';
import { Field, TextInput } from './Field';
import { Section } from './Section';
import { SmsTemplatesList } from './SmsTemplatesList';

/** The SMS signature put before every SMS (none until the shop sets one), the opt-out text marketing SMS end with, and the provider-approved templates. */
export function SmsSection() {
  const { t } = useTranslation();
  return (
    <Section id="sms" title={t('settingsPage.sms.title')}>
      <Field label={t('settingsPage.sms.label')} path={['sms', 'signature']} help={t('settingsPage.sms.help')}>
        <TextInput path={['sms', 'signature']} placeholder="【回头小店】" empty={null} />
      </Field>
      <Field label={t('settingsPage.sms.optOutLabel')} path={['sms', 'optOutText']} help={t('settingsPage.sms.optOutHelp')}>
        <TextInput path={['sms', 'optOutText']} placeholder="拒收请回复R" />
      </Field>
      <SmsTemplatesList />
    </Section>
  );
}
