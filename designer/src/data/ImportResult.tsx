import { useTranslation } from 'react-i18next';
import type { UploadOutcome } from './upload';

/** What the server said: the counts, and each refused row's line, column and reason. */
export function ImportResult({ outcome }: { outcome: UploadOutcome }) {
  const { t } = useTranslation();
  if (outcome.kind === 'failed') {
    return (
      <p className="notice notice-error" role="alert" data-testid="import-failed">
        {t('data.uploadFailed', { message: outcome.message })}
      </p>
    );
  }
  if (outcome.kind === 'invalid') {
    return (
      <div className="notice notice-error" role="alert" data-testid="import-invalid">
        <div>{t('data.invalid', { message: outcome.body.message })}</div>
        {outcome.body.missingColumns && outcome.body.missingColumns.length > 0 && (
          <div>{t('data.missingColumns', { columns: outcome.body.missingColumns.join(', ') })}</div>
        )}
      </div>
    );
  }
  const s = outcome.summary;
  const counts = ['rows', 'inserted', 'updated', 'unchanged', 'failed'] as const;
  return (
    <section className="card" data-testid="import-result">
      <h2>{t('data.result')}</h2>
      <dl className="import-counts">
        {counts.map((c) => (
          <div key={c} className={`import-count ${c === 'failed' && s.failed > 0 ? 'is-bad' : ''}`} data-testid={`import-${c}`} data-value={s[c]}>
            <dt>{t(`data.${c}`)}</dt>
            <dd>{s[c]}</dd>
          </div>
        ))}
      </dl>
      <p className={`notice ${s.failed > 0 ? 'notice-error' : 'notice-success'}`}>
        {s.failed > 0 ? t('data.someRefused', { failed: s.failed, rows: s.rows }) : t('data.allStored')}
      </p>
      {s.errors.length > 0 && (
        <>
          <h3>{t('data.errors')}</h3>
          <table className="journey-table import-errors" data-testid="import-errors">
            <thead>
              <tr>
                <th>{t('data.line')}</th>
                <th>{t('data.column')}</th>
                <th>{t('data.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {s.errors.map((e, i) => (
                <tr key={i} data-line={e.line}>
                  <td className="mono">{e.line}</td>
                  <td className="mono">{e.column ?? '—'}</td>
                  <td>{e.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {s.errorsTruncated && <p className="muted small">{t('data.truncated', { count: s.errors.length })}</p>}
        </>
      )}
    </section>
  );
}
