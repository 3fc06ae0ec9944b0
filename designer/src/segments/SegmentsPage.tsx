import { useTranslation } from 'react-i18next';

/** The segments section (`#/segments`). */
export default function SegmentsPage() {
  const { t } = useTranslation();
  return (
    <main className="list-page" data-testid="segments-page">
      <h1>{t('segmentsPage.title')}</h1>
    </main>
  );
}
