import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { subPath } from '../nav/route';
import { CustomerList } from './CustomerList';
import { CustomerPage } from './CustomerPage';
import './customers.css';

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

/** The customers section: the list at `#/customers`, a customer's page at `#/customers/<id>`. */
export default function CustomersPage() {
  const { t } = useTranslation();
  const id = useSyncExternalStore(subscribe, () => subPath('customers'));
  return (
    <main className="list-page customers-page" data-testid="customers-page">
      {id ? (
        <CustomerPage key={id} id={id} />
      ) : (
        <>
          <h1>{t('customersPage.title')}</h1>
          <CustomerList />
        </>
      )}
    </main>
  );
}
