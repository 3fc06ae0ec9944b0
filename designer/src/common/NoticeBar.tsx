import { useTranslation } from 'react-i18next';
import { useStore } from '../store';

/** The result of the last save, publish or status change, until dismissed or replaced. */
export function NoticeBar() {
  const { t } = useTranslation();
  const notice = useStore((s) => s.notice);
  const setNotice = useStore((s) => s.setNotice);
  if (!notice) return null;
  return (
    <div className={`notice notice-${notice.kind} notice-bar`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="notice">
      <span>{t(notice.key, notice.params ?? {})}</span>
      <button type="button" className="btn btn-ghost btn-small" onClick={() => setNotice(null)}>
        {t('notice.dismiss')}
      </button>
    </div>
  );
}
