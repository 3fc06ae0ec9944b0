import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TopLevelCondition } from '../../../engine/rules/conditions';
import { ApiError } from '../api/http';
import { saveSegment, type Segment } from '../api/segments';
import { ConditionEditor } from '../editor/ConditionField';
import { PreviewPanel } from './PreviewPanel';
import { usePreview } from './usePreview';

/** Creates or edits one segment: name, description, the condition builder, and the live count and sample as it changes. */
export function SegmentEditor({ segment, onSaved, onCancel }: { segment?: Segment; onSaved(s: Segment): void; onCancel(): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(segment?.name ?? '');
  const [description, setDescription] = useState(segment?.description ?? '');
  const [condition, setCondition] = useState<TopLevelCondition>((segment?.condition as TopLevelCondition | undefined) ?? { all: [] });
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const preview = usePreview(condition);

  const save = async () => {
    setSaving(true);
    setProblems([]);
    try {
      const answer = await saveSegment({ name, description, condition }, segment?.id);
      onSaved(answer.segment);
    } catch (error) {
      const body = error instanceof ApiError ? error.body : undefined;
      setProblems(body?.problems?.map((p) => `${p.path}: ${p.message}`) ?? [error instanceof Error ? error.message : String(error)]);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="card segment-editor" data-testid="segment-editor">
      <h2>{segment ? t('segmentsPage.editTitle') : t('segmentsPage.newTitle')}</h2>
      <label className="field">
        <span>{t('segmentsPage.name')}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} data-testid="segment-name" />
      </label>
      <label className="field">
        <span>{t('segmentsPage.description')}</span>
        <textarea value={description} onChange={(e) => setDescription(e.target.value)} maxLength={1000} rows={2} data-testid="segment-description" />
      </label>
      <ConditionEditor
        value={condition}
        title={t('segmentsPage.condition')}
        testId="condition-segment"
        optional={false}
        onChange={(next) => setCondition(next ?? { all: [] })}
      />
      <PreviewPanel preview={preview} />
      {problems.length > 0 && (
        <ul className="notice notice-error" role="alert" data-testid="segment-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="row">
        <button type="button" className="btn btn-primary" onClick={() => void save()} disabled={saving} data-testid="segment-save">
          {t('segmentsPage.save')}
        </button>
        <button type="button" className="btn" onClick={onCancel} data-testid="segment-cancel">
          {t('segmentsPage.cancel')}
        </button>
      </div>
    </section>
  );
}
