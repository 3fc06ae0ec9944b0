import { useTranslation } from 'react-i18next';

/** The settings section (`#/settings`). */
export default function SettingsPage() {
  const { t } = useTranslation();
  return (
    <main className="list-page" data-testid="settings-page">
      <h1>{t('settingsPage.title')}</h1>
    </main>
  );
}
