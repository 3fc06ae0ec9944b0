import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/endpoints';
import type { JourneySummary } from '../api/types';
import { StatusBadge } from '../common/StatusBadge';
import { openJourney } from '../editor/actions';
import { NewJourneyForm } from './NewJourneyForm';
import { TemplateGallery } from './TemplateGallery';

export function JourneyList() {
  const { t, i18n } = useTranslation();
  const [journeys, setJourneys] = useState<JourneySummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [gallery, setGallery] = useState(false);

  useEffect(() => {
    let cancelled = false;
    api
      .listJourneys()
      .then((r) => !cancelled && setJourneys(r.journeys))
      .catch((e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      cancelled = true;
    };
  }, []);

  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <main className="list-page">
      {gallery && <TemplateGallery onClose={() => setGallery(false)} />}
      <section className="card">
        <div className="row list-head">
          <h1>{t('list.title')}</h1>
          <button type="button" className="btn" onClick={() => setGallery(true)} disabled={gallery} data-testid="open-template-gallery">
            {t('gallery.open')}
          </button>
        </div>
        {error && (
          <p className="notice notice-error" role="alert">
            {t('notice.failed', { message: error })}
          </p>
        )}
        {!journeys && !error && <p className="muted">{t('list.loading')}</p>}
        {journeys && journeys.length === 0 && <p className="muted">{t('list.empty')}</p>}
        {journeys && journeys.length > 0 && (
          <table className="journey-table" data-testid="journey-list">
            <thead>
              <tr>
                <th>{t('list.name')}</th>
                <th>{t('list.status')}</th>
                <th>{t('list.updated')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {journeys.map((j) => (
                <tr key={j.id} data-testid={`journey-row-${j.id}`}>
                  <td>
                    <div className="journey-name">{j.name}</div>
                    <div className="muted mono">{j.id}</div>
                  </td>
                  <td>
                    <StatusBadge status={j.status} version={j.version} />
                  </td>
                  <td className="muted">{date.format(new Date(j.updatedAt))}</td>
                  <td className="actions">
                    <button type="button" className="btn" onClick={() => void openJourney(j.id)} data-testid={`open-${j.id}`}>
                      {t('list.open')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <NewJourneyForm />
    </main>
  );
}
