import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadSegmentCsv, removeSegment, type Segment } from '../api/segments';
import { reaches, useRole } from '../auth/role';

/** The segments with their counts; edit and delete (after a confirmation) for marketers and admins, the CSV export for admins. */
export function SegmentList({ segments, onEdit, onChanged }: { segments: Segment[]; onEdit(s: Segment): void; onChanged(): void }) {
  const { t, i18n } = useTranslation();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Until the server has said, only reading is offered; it refuses the rest anyway.
  const role = useRole();
  const writes = role !== null && reaches(role, 'marketer');
  const exports = role === 'admin';
  const act = (run: () => Promise<unknown>) => {
    setError(null);
    run().then(
      () => undefined,
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  };
  if (segments.length === 0) return <p className="muted">{t('segmentsPage.empty')}</p>;
  return (
    <>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <table className="journey-table" data-testid="segment-list">
        <thead>
          <tr>
            <th>{t('segmentsPage.name')}</th>
            <th>{t('segmentsPage.count')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {segments.map((s) => (
            <tr key={s.id} data-testid={`segment-row-${s.id}`}>
              <td>
                <div className="journey-name">{s.name}</div>
                {s.description && <div className="muted small">{s.description}</div>}
              </td>
              <td data-testid={`segment-count-${s.id}`}>{s.count.toLocaleString(i18n.language)}</td>
              <td className="actions">
                <button type="button" className="btn" onClick={() => onEdit(s)} disabled={!writes} data-testid={`segment-edit-${s.id}`}>
                  {t('segmentsPage.edit')}
                </button>
                {exports && (
                  <button type="button" className="btn" onClick={() => act(() => downloadSegmentCsv(s))} data-testid={`segment-export-${s.id}`}>
                    {t('segmentsPage.export')}
                  </button>
                )}
                {!writes ? null : confirming === s.id ? (
                  <>
                    <button
                      type="button"
                      className="btn btn-danger"
                      onClick={() => act(async () => (await removeSegment(s.id), setConfirming(null), onChanged()))}
                      data-testid={`segment-delete-confirm-${s.id}`}
                    >
                      {t('segmentsPage.deleteConfirm', { name: s.name })}
                    </button>
                    <button type="button" className="btn" onClick={() => setConfirming(null)}>
                      {t('segmentsPage.cancel')}
                    </button>
                  </>
                ) : (
                  <button type="button" className="btn btn-danger" onClick={() => setConfirming(s.id)} data-testid={`segment-delete-${s.id}`}>
                    {t('segmentsPage.delete')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
