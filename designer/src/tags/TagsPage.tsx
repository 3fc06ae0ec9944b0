import { useTranslation } from 'react-i18next';

/** The tags section (`#/tags`). */
export default function TagsPage() {
  const { t } = useTranslation();
  return (
    <main className="list-page" data-testid="tags-page">
      <h1>{t('tagsPage.title')}</h1>
    </main>
  );
}
