import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tagRuleKinds, type TagRuleKind } from '../../../engine/facts/tag-rules';
import { ApiError } from '../api/http';
import type { TagRuleDraft } from '../api/tag-rules';
import { draftOfKind } from './default-drafts';
import { KindFields } from './KindFields';
import { RulePreview } from './RulePreview';
import { saveRule, type SaveStep } from './save-rule';
import { usePreview } from './use-preview';

/**
 * Creates or edits one tag rule: the kind, the tag, the kind's fields and a note, with the live
 * count and sample as it is edited. `beforeSave` are the steps run before storing (save-rule.ts).
 */
export function RuleForm({
  initial,
  id,
  beforeSave = [],
  onSaved,
  onCancel,
}: {
  initial: TagRuleDraft;
  id?: string | undefined;
  beforeSave?: readonly SaveStep[];
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<TagRuleDraft>(initial);
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const preview = usePreview(draft);
  const change = (patch: Partial<Record<string, unknown>>) => setDraft((d) => ({ ...d, ...patch }) as TagRuleDraft);

  const save = async () => {
    setSaving(true);
    setProblems([]);
    try {
      const saved = await saveRule(draft, id, beforeSave);
      if (saved) onSaved();
    } catch (e) {
      setProblems(e instanceof ApiError && e.body.problems ? e.body.problems.map((p) => p.message) : [e instanceof Error ? e.message : String(e)]);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="card tag-form" data-testid="rule-form">
      <h2>{id ? t('tagsPage.formEdit') : t('tagsPage.formNew')}</h2>
      <div className="tag-form-grid">
        <div className="tag-form-fields">
          <label className="field">
            <span>{t('tagsPage.kind')}</span>
            <select
              data-testid="rule-kind"
              value={draft.kind}
              onChange={(e) => setDraft(draftOfKind(e.target.value as TagRuleKind, { tag: draft.tag, note: draft.note }))}
            >
              {tagRuleKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`tagsPage.kinds.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('tagsPage.tag')}</span>
            <input data-testid="rule-tag" value={draft.tag ?? ''} onChange={(e) => change({ tag: e.target.value })} />
          </label>
          <KindFields draft={draft} onChange={change} />
          <label className="field">
            <span>{t('tagsPage.note')}</span>
            <input data-testid="rule-note" value={draft.note ?? ''} onChange={(e) => change({ note: e.target.value || undefined })} />
          </label>
          {problems.length > 0 ? (
            <ul className="field-errors" data-testid="rule-save-problems">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
          <div className="row tag-form-actions">
            <button className="btn btn-primary" data-testid="rule-save" disabled={saving} onClick={() => void save()}>
              {saving ? t('tagsPage.saving') : t('tagsPage.save')}
            </button>
            <button className="btn" data-testid="rule-cancel" onClick={onCancel}>
              {t('tagsPage.cancel')}
            </button>
          </div>
        </div>
        <RulePreview kind={draft.kind} state={preview} />
      </div>
    </section>
  );
}
