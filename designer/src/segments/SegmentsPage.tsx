import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchSegments, type Segment } from '../api/segments';
import { reaches, useRole } from '../auth/role';
import { SegmentEditor } from './SegmentEditor';
import { SegmentList } from './SegmentList';
import './segments.css';

/** The segments section (`#/segments`): saved audiences with their counts, and the editor for one. */
export default function SegmentsPage() {
  const { t } = useTranslation();
  const [segments, setSegments] = useState<Segment[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Segment | 'new' | null>(null);
  const role = useRole();
  const writes = role !== null && reaches(role, 'marketer');
  const reload = useCallback(() => {
    fetchSegments().then(
      (answer) => setSegments(answer.segments),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, []);
  useEffect(reload, [reload]);

  return (
    <main className="list-page" data-testid="segments-page">
      <section className="card">
        <div className="row list-head">
          <h1>{t('segmentsPage.title')}</h1>
          <button type="button" className="btn btn-primary" onClick={() => setEditing('new')} disabled={editing !== null || !writes} data-testid="segment-new">
            {t('segmentsPage.new')}
          </button>
        </div>
        <p className="muted small">{t('segmentsPage.intro')}</p>
        {error && (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        )}
        {!segments && !error && <p className="muted">{t('segmentsPage.loading')}</p>}
        {segments && <SegmentList segments={segments} onEdit={setEditing} onChanged={reload} />}
      </section>
      {editing !== null && (
        <SegmentEditor
          key={editing === 'new' ? 'new' : editing.id}
          {...(editing === 'new' ? {} : { segment: editing })}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
    </main>
  );
}
