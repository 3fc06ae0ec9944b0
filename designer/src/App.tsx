import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SignIn } from './auth/SignIn';
import { Header } from './common/Header';
import { NoticeBar } from './common/NoticeBar';
import { loadCatalog, openJourney } from './editor/actions';
import { Editor } from './editor/Editor';
import { EditorToolbar } from './editor/EditorToolbar';
import { rememberedJourney } from './editor/route';
import { JourneyList } from './list/JourneyList';
import { useView } from './nav/route';
import { useStore } from './store';

// The KPI board brings recharts, the data page an uploader: loaded when first opened, so the
// journey designer's bundle stays as it was.
const KpiPage = lazy(() => import('./kpis/KpiPage'));
const DataPage = lazy(() => import('./data/DataPage'));
const MessagesPage = lazy(() => import('./messages/MessagesPage'));
const CustomersPage = lazy(() => import('./customers/CustomersPage'));
const SegmentsPage = lazy(() => import('./segments/SegmentsPage'));
const TagsPage = lazy(() => import('./tags/TagsPage'));
const SettingsPage = lazy(() => import('./settings/SettingsPage'));

const pages = {
  kpis: KpiPage,
  customers: CustomersPage,
  segments: SegmentsPage,
  tags: TagsPage,
  data: DataPage,
  messages: MessagesPage,
  settings: SettingsPage,
} as const;

export function App() {
  const { t } = useTranslation();
  const token = useStore((s) => s.token);
  const catalogLoaded = useStore((s) => s.catalogLoaded);
  const editing = useStore((s) => s.meta !== null);
  const [error, setError] = useState<string | null>(null);
  const view = useView();

  // The palette, forms and condition builder all need the catalog: load it once per sign-in,
  // then reopen the journey the address names, if any.
  useEffect(() => {
    if (!token) return;
    let cancelled = false;
    setError(null);
    loadCatalog()
      .then(() => {
        const id = rememberedJourney();
        if (!cancelled && id) return openJourney(id);
      })
      .catch((e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      cancelled = true;
    };
  }, [token]);

  if (!token) return <SignIn />;

  if (view !== 'journeys') {
    const Page = pages[view];
    return (
      <div className="app">
        <Header view={view} />
        <Suspense fallback={<p className="page-message muted">{t('loading')}</p>}>
          <Page />
        </Suspense>
      </div>
    );
  }

  return (
    <div className="app">
      <Header view={view}>{editing && <EditorToolbar />}</Header>
      <NoticeBar />
      {error ? (
        <p className="notice notice-error page-message" role="alert">
          {t('notice.failed', { message: error })}
        </p>
      ) : !catalogLoaded ? (
        <p className="page-message muted">{t('loading')}</p>
      ) : editing ? (
        <Editor />
      ) : (
        <JourneyList />
      )}
    </div>
  );
}
