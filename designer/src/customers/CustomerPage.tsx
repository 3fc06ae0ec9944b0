import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addTag, fetchCustomer, fetchCustomerActivity, removeTag, type CustomerActivity, type CustomerDetail } from './api';
import { CustomerActivityView } from './CustomerActivityView';
import { CustomerProfile } from './CustomerProfile';
import { TagEditor } from './TagEditor';

/** 客户画像: one customer's profile, facts with their explanation, tags, and what happened to them. */
export function CustomerPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const [detail, setDetail] = useState<CustomerDetail | null>(null);
  const [activity, setActivity] = useState<CustomerActivity | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);

  const load = useCallback(() => {
    const failed = (e: unknown) => {
      if (e instanceof Error && 'status' in e && (e as { status: number }).status === 404) setMissing(true);
      else setError(e instanceof Error ? e.message : String(e));
    };
    fetchCustomer(id).then(setDetail, failed);
    fetchCustomerActivity(id).then(setActivity, failed);
  }, [id]);
  useEffect(load, [load]);

  const changeTag = (change: typeof addTag) => (tag: string) =>
    change(id, tag).then(
      () => fetchCustomer(id).then(setDetail),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );

  return (
    <>
      <p>
        <a href="#/customers" data-testid="customers-back">
          {t('customersPage.back')}
        </a>
      </p>
      <h1>{t('customersPage.profileTitle')}</h1>
      {missing && <p data-testid="customer-missing">{t('customersPage.notFound', { id })}</p>}
      {error && <p className="error">{t('customersPage.failed', { message: error })}</p>}
      {detail && (
        <>
          <CustomerProfile detail={detail} />
          <TagEditor tags={detail.facts.tags} manualTags={detail.manualTags} onAdd={changeTag(addTag)} onRemove={changeTag(removeTag)} />
        </>
      )}
      {activity && <CustomerActivityView activity={activity} />}
    </>
  );
}
