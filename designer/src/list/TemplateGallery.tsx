import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/endpoints';
import type { TemplateSummary } from '../api/types';
import { createFromTemplate } from '../editor/actions';
import { currentLocale } from '../i18n';
import { channelName } from '../model/channels';
import { TemplatePreview } from './TemplatePreview';

/**
 * The shipped journey templates as cards: name, description, channels, a thumbnail of the graph.
 * "Use this template" makes a draft from it on the server and opens it in the editor.
 */
export function TemplateGallery({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [templates, setTemplates] = useState<TemplateSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [using, setUsing] = useState<string | null>(null);
  // The event day chosen per template built around one (Double 11); the server's default until changed.
  const [eventDates, setEventDates] = useState<Record<string, string>>({});

  // Names and descriptions come from the server in the UI's language: fetch again on a switch.
  useEffect(() => {
    let cancelled = false;
    setError(null);
    api
      .templates(currentLocale())
      .then((r) => !cancelled && setTemplates(r.templates))
      .catch((e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      cancelled = true;
    };
  }, [i18n.language]);

  const use = async (id: string) => {
    setUsing(id);
    setError(null);
    const failed = await createFromTemplate(id, eventDates[id]);
    if (failed) setError(failed);
    setUsing(null);
  };

  return (
    <section className="card template-gallery" data-testid="template-gallery" aria-labelledby="template-gallery-title">
      <div className="row gallery-head">
        <h2 id="template-gallery-title">{t('gallery.title')}</h2>
        <button type="button" className="btn btn-ghost" onClick={onClose} data-testid="template-gallery-close">
          {t('gallery.close')}
        </button>
      </div>
      <p className="muted">{t('gallery.help')}</p>
      {error && (
        <p className="notice notice-error" role="alert">
          {t('notice.failed', { message: error })}
        </p>
      )}
      {!templates && !error && <p className="muted">{t('gallery.loading')}</p>}
      {templates && (
        <ul className="template-grid">
          {templates.map((tpl) => (
            <li key={tpl.id} className="template-card" data-testid={`template-${tpl.id}`}>
              <TemplatePreview preview={tpl.preview} />
              <h3 className="template-name">{tpl.name}</h3>
              <p className="template-description">{tpl.description}</p>
              <p className="template-meta muted">
                {t('gallery.steps', { count: tpl.preview.nodes.length })}
                {tpl.channels.length > 0 && ` · ${tpl.channels.map((c) => channelName(c, currentLocale())).join(t('gallery.separator'))}`}
              </p>
              {tpl.eventDate !== null && (
                <label className="template-event-date small">
                  {t('gallery.eventDate')}{' '}
                  <input
                    type="date"
                    value={eventDates[tpl.id] ?? tpl.eventDate}
                    onChange={(e) => setEventDates((d) => ({ ...d, [tpl.id]: e.target.value }))}
                    data-testid={`template-event-date-${tpl.id}`}
                  />
                </label>
              )}
              <button
                type="button"
                className="btn btn-primary"
                disabled={using !== null}
                onClick={() => void use(tpl.id)}
                data-testid={`use-template-${tpl.id}`}
              >
                {using === tpl.id ? t('gallery.using') : t('gallery.use')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
