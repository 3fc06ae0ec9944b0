import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { importSample } from '../../../contract/import';
import { call } from '../api/call';
import type { ResponseOf } from '../../../contract/endpoint';

type Phase = { step: 'idle' } | { step: 'importing' } | { step: 'done'; result: ResponseOf<typeof importSample> } | { step: 'failed'; message: string };

/** One click to the sample shop of examples/data: a first day starts with data to look at. */
export function SampleShop() {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const rows = (kind: string) => (phase.step === 'done' ? (phase.result.imports.find((i) => i.kind === kind)?.rows ?? 0) : 0);

  const run = async () => {
    setPhase({ step: 'importing' });
    try {
      setPhase({ step: 'done', result: await call(importSample) });
    } catch (e) {
      setPhase({ step: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
  };

  return (
    <section className="card sample-shop" data-testid="sample-shop">
      <h2>{t('data.sample.title')}</h2>
      <p className="muted">{t('data.sample.help')}</p>
      <button type="button" className="btn" disabled={phase.step === 'importing'} onClick={() => void run()} data-testid="sample-import">
        {phase.step === 'importing' ? t('data.sample.importing') : t('data.sample.import')}
      </button>
      {phase.step === 'done' && (
        <p className="notice" role="status" data-testid="sample-done">
          {t('data.sample.done', {
            products: rows('products').toLocaleString(),
            customers: rows('customers').toLocaleString(),
            orders: rows('orders').toLocaleString(),
            facts: phase.result.facts.customers.toLocaleString(),
          })}{' '}
          <a href="#/customers">{t('data.sample.open')}</a>
        </p>
      )}
      {phase.step === 'failed' && (
        <p className="notice notice-error" role="alert" data-testid="sample-failed">
          {t('data.sample.failed', { message: phase.message })}
        </p>
      )}
    </section>
  );
}
