import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n';
import { useStore } from '../store';
import type { Preview } from './usePreview';

const show = (v: unknown) => (v === null || v === undefined ? '—' : Array.isArray(v) ? v.join('、') : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** How many customers match now and who the first are, with the facts the condition reads. */
export function PreviewPanel({ preview, testId = 'segment-preview' }: { preview: Preview; testId?: string }) {
  const { t, i18n } = useTranslation();
  const facts = useStore((s) => s.facts);
  if (preview.state === 'idle') return null;
  // A column per fact the condition reads, titled by the catalog's label (a path keeps its own name).
  const titleOf = (key: string) => facts.find((f) => f.name === key)?.labels[currentLocale()] ?? key;
  if (preview.state === 'failed')
    return (
      <p className="notice notice-error" role="alert" data-testid={`${testId}-error`}>
        {t('segmentsPage.previewFailed', { message: preview.message })}
      </p>
    );
  if (preview.state === 'loading')
    return (
      <p className="muted" data-testid={`${testId}-loading`}>
        {t('segmentsPage.counting')}
      </p>
    );
  const keys = [...new Set(preview.sample.flatMap((c) => Object.keys(c.facts)))];
  return (
    <section className="segment-preview" data-testid={testId}>
      <p>
        <strong data-testid={`${testId}-count`}>{preview.count.toLocaleString(i18n.language)}</strong> {t('segmentsPage.customersNow')}
      </p>
      {preview.sample.length > 0 && (
        <table className="journey-table" data-testid={`${testId}-sample`}>
          <caption className="muted small">{t('segmentsPage.sample')}</caption>
          <thead>
            <tr>
              <th>{t('segmentsPage.customer')}</th>
              <th>{t('segmentsPage.phone')}</th>
              {keys.map((k) => (
                <th key={k} data-fact={k}>
                  {titleOf(k)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.sample.map((c) => (
              <tr key={c.id}>
                <td>
                  {c.name ?? '—'} <span className="muted mono">{c.id}</span>
                </td>
                <td>{c.phone ?? '—'}</td>
                {keys.map((k) => (
                  <td key={k}>{show(c.facts[k])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
