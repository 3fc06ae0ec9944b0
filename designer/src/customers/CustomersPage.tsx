import { useTranslation } from 'react-i18next';

/** The customers section (`#/customers`). */
export default function CustomersPage() {
  const { t } = useTranslation();
  return (
    <main className="list-page" data-testid="customers-page">
      <h1>{t('customersPage.title')}</h1>
    </main>
  );
}
