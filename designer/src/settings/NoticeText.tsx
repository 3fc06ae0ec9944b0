import { useTranslation } from 'react-i18next';
import { count } from './labels';
import type { Notice } from './useSettingsPage';

/** What the last save did, in words. */
export function NoticeText({ notice }: { notice: NonNullable<Notice> }) {
  const { t } = useTranslation();
  switch (notice.kind) {
    case 'failed':
      return <>{t('settingsPage.saveFailed', { message: notice.message })}</>;
    case 'refreshed':
      return <>{t('settingsPage.refreshed', { count: notice.changes, n: count(notice.changes) })}</>;
    case 'saved':
      return <>{t('settingsPage.saved')}</>;
    default:
      return <>{t('settingsPage.nothingChanged')}</>;
  }
}
