import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reaches, useRole } from '../auth/role';
import { deleteRule, fetchTagRules, type TagRule, type TagRuleDraft, type TagRuleList } from '../api/tag-rules';
import { draftOfKind } from './default-drafts';
import { RuleForm } from './RuleForm';
import { RuleList } from './RuleList';

type Editing = { initial: TagRuleDraft; id?: string } | null;

/** The tags section (`#/tags`): automatic tag rules with their live counts, and the manual tags. */
export default function TagsPage() {
  const { t } = useTranslation();
  const [list, setList] = useState<TagRuleList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  // Writing a rule needs the marketer's role (the server refuses others anyway): analysts read.
  const role = useRole();
  const canEdit = role !== null && reaches(role, 'marketer');
  const load = useCallback(() => fetchTagRules().then(setList, (e: unknown) => setError(e instanceof Error ? e.message : String(e))), []);
  useEffect(() => void load(), [load]);

  const remove = async (rule: TagRule) => {
    if (rule.id) await deleteRule(rule.id);
    await load();
  };

  return (
    <main className="list-page" data-testid="tags-page">
      <h1>{t('tagsPage.title')}</h1>
      {error ? <p className="field-errors">{error}</p> : null}
      {editing ? (
        <RuleForm
          key={editing.id ?? 'new'}
          initial={editing.initial}
          id={editing.id}
          onCancel={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void load();
          }}
        />
      ) : null}
      <section className="card">
        <div className="row tag-heading">
          <h2>{t('tagsPage.rules')}</h2>
          {canEdit ? (
            <button
              className="btn btn-primary"
              data-testid="rule-new"
              disabled={editing !== null}
              onClick={() => setEditing({ initial: draftOfKind('bought-category', {}) })}
            >
              {t('tagsPage.newRule')}
            </button>
          ) : null}
        </div>
        <p className="muted">{t('tagsPage.rulesHint')}</p>
        {list ? (
          <RuleList
            rules={list.rules}
            canEdit={canEdit}
            onEdit={(rule) => setEditing({ initial: rule, ...(rule.id ? { id: rule.id } : {}) })}
            onDelete={remove}
          />
        ) : null}
      </section>
      <section className="card" data-testid="manual-tags">
        <h2>{t('tagsPage.manual')}</h2>
        <p className="muted">{t('tagsPage.manualHint')}</p>
        {list && list.manualTags.length === 0 ? <p className="muted">{t('tagsPage.noManual')}</p> : null}
        <div className="tag-choices">
          {list?.manualTags.map((m) => (
            <span key={m.tag} className="tag-chip" data-testid={`manual-${m.tag}`}>
              {m.tag} · {m.customers}
            </span>
          ))}
        </div>
      </section>
    </main>
  );
}
