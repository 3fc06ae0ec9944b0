import './settings.css';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CapsSection } from './CapsSection';
import { ChangeHistory } from './ChangeHistory';
import { SettingsContext, type SettingsEditing } from './context';
import { LifecycleSection } from './LifecycleSection';
import { PreviewDialog } from './PreviewDialog';
import { PrioritiesSection } from './PrioritiesSection';
import { QuietHoursSection } from './QuietHoursSection';
import { RfmSection } from './RfmSection';
import { SmsSection } from './SmsSection';
import { TiersSection } from './TiersSection';
import { TimezoneSection } from './TimezoneSection';
import { NoticeText } from './NoticeText';
import { useCanEdit } from './use-can-edit';
import { useSettingsPage } from './useSettingsPage';

/** 店铺设置 (`#/settings`): admins edit, other roles read; changes that move customers are previewed first. */
export default function SettingsPage() {
  const { t } = useTranslation();
  const page = useSettingsPage();
  const readOnly = !useCanEdit();
  const { draft, problems, set } = page;
  const editing = useMemo<SettingsEditing | null>(() => (draft ? { draft, problems, readOnly, set } : null), [draft, problems, readOnly, set]);

  if (page.loadError) return <main className="list-page settings-page">{t('settingsPage.loadFailed', { message: page.loadError })}</main>;
  if (!editing || !page.loaded) return <main className="list-page settings-page">{t('settingsPage.loading')}</main>;
  return (
    <main className="list-page settings-page" data-testid="settings-page">
      <h1>{t('settingsPage.title')}</h1>
      <p className="muted">{readOnly ? t('settingsPage.readOnly') : t('settingsPage.intro')}</p>
      <SettingsContext.Provider value={editing}>
        <form
          className="settings-form"
          onSubmit={(e) => {
            e.preventDefault();
            void page.save();
          }}
        >
          <TimezoneSection />
          <QuietHoursSection />
          <CapsSection />
          <PrioritiesSection journeys={page.loaded.journeys} />
          <TiersSection />
          <LifecycleSection />
          <RfmSection />
          <SmsSection />
          {!readOnly && (
            <div className="settings-actions settings-savebar">
              <button type="submit" className="btn btn-primary" disabled={page.busy !== null || page.changed.length === 0} data-testid="settings-save">
                {page.busy ? t(`settingsPage.${page.busy}`) : t('settingsPage.save')}
              </button>
              <button type="button" className="btn" disabled={page.busy !== null || page.changed.length === 0} onClick={page.discard}>
                {t('settingsPage.discard')}
              </button>
              {problems.length > 0 && <span className="settings-problem">{t('settingsPage.fixProblems', { count: problems.length })}</span>}
              {page.notice && (
                <span role="status" data-testid="settings-notice">
                  <NoticeText notice={page.notice} />
                </span>
              )}
            </div>
          )}
        </form>
        {page.preview && (
          <PreviewDialog
            preview={page.preview}
            settings={editing.draft}
            busy={page.busy !== null}
            onConfirm={() => void page.confirm()}
            onCancel={page.cancel}
          />
        )}
      </SettingsContext.Provider>
      <ChangeHistory changes={page.history.changes} more={page.history.nextCursor !== null} onMore={() => void page.more()} />
    </main>
  );
}
