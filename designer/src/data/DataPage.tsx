import './data.css';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ImportResult } from './ImportResult';
import { SampleShop } from './SampleShop';
import { importColumns, importKinds, uploadCsv, type ImportKind, type UploadOutcome } from './upload';

type Phase = { step: 'idle' } | { step: 'uploading' } | { step: 'done'; outcome: UploadOutcome };

/** The data page (`#/data`): pick a kind and a CSV file, upload it with progress, read the result. */
export default function DataPage() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ImportKind>('orders');
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  // The share of the file's bytes the browser reports sent; only upload events move it.
  const [sent, setSent] = useState(0);
  const abort = useRef<(() => void) | null>(null);
  useEffect(() => () => abort.current?.(), []);

  const busy = phase.step === 'uploading';
  const percent = Math.floor(sent * 100);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file || busy) return;
    setPhase({ step: 'uploading' });
    setSent(0);
    const upload = uploadCsv(kind, file, (fraction) => setSent((s) => Math.max(s, Math.min(1, fraction))));
    abort.current = upload.abort;
    const outcome = await upload.done;
    abort.current = null;
    setPhase({ step: 'done', outcome });
  };

  return (
    <main className="list-page data-page" data-testid="data-page">
      <form className="card data-form" onSubmit={(e) => void submit(e)}>
        <h1>{t('data.title')}</h1>
        <p className="muted">{t('data.help')}</p>
        <fieldset className="kind-choice" disabled={busy}>
          <legend>{t('data.kind')}</legend>
          {importKinds.map((k) => (
            <label key={k} className={`kind-option ${kind === k ? 'is-chosen' : ''}`}>
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} data-testid={`import-kind-${k}`} />
              {t(`data.kinds.${k}`)}
            </label>
          ))}
        </fieldset>
        <div className="columns-note" data-testid="import-columns">
          <h3>{t('data.columns')}</h3>
          <p className="mono">
            {importColumns[kind].map((c, i) => (
              <span key={c.name}>
                {i > 0 && ','}
                <span className={c.required ? 'col-required' : ''} title={c.required ? t('data.required') : undefined}>
                  {c.name}
                  {c.required && '*'}
                </span>
              </span>
            ))}
          </p>
          <p className="small muted">
            * {t('data.required')}. {t('data.columnsNote')} {t(`data.notes.${kind}`)}
          </p>
        </div>
        <div className="row">
          <label className="field grow">
            <span>{t('data.file')}</span>
            <input type="file" accept=".csv,text/csv" disabled={busy} onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="import-file" />
          </label>
          <button type="submit" className="btn btn-primary" disabled={!file || busy} data-testid="import-upload">
            {busy ? t('data.uploading') : t('data.upload')}
          </button>
        </div>
        {phase.step !== 'idle' && (
          <div className="upload-progress">
            <div
              className="progress"
              role="progressbar"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
              aria-label={t('data.sent', { percent })}
              data-testid="import-progress"
            >
              <div className="progress-fill" style={{ width: `${percent}%` }} />
            </div>
            <span className="small muted" role="status" data-testid="import-progress-text">
              {busy && sent >= 1 ? t('data.storing') : t('data.sent', { percent })}
            </span>
          </div>
        )}
      </form>
      {phase.step === 'done' && <ImportResult outcome={phase.outcome} />}
      <SampleShop />
    </main>
  );
}
