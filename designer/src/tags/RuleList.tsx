import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n';
import type { TagRule, TagRuleList } from '../api/tag-rules';
import { describeCondition, describeRule } from './describe-rule';

/** The rules in words with the customers each tags now; for roles that may, edit, and delete after a confirmation. */
export function RuleList({
  rules,
  canEdit,
  onEdit,
  onDelete,
}: {
  rules: TagRuleList['rules'];
  canEdit: boolean;
  onEdit: (rule: TagRule) => void;
  onDelete: (rule: TagRule) => Promise<void>;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [confirming, setConfirming] = useState<string | null>(null);
  if (rules.length === 0) return <p className="muted">{t('tagsPage.noRules')}</p>;
  return (
    <table className="journey-table" data-testid="rule-list">
      <tbody>
        {rules.map(({ rule, customers }) => (
          <tr key={rule.id} data-testid={`rule-row-${rule.tag}`}>
            <td>
              <div>
                {describeCondition(rule, t, locale)} → <strong className="tag-chip">{rule.tag}</strong>
              </div>
              <div className="muted">
                {t(`tagsPage.kinds.${rule.kind}`)}
                {rule.note ? ` · ${rule.note}` : ''}
              </div>
            </td>
            <td data-testid={`rule-count-${rule.tag}`} data-count={customers}>
              {t('tagsPage.customersNow', { count: customers })}
            </td>
            <td className="tag-actions">
              {!canEdit ? null : confirming === rule.id ? (
                <span role="alertdialog" data-testid="rule-delete-confirm">
                  {t('tagsPage.confirmDelete', { rule: describeRule(rule, t, locale) })}{' '}
                  <button
                    className="btn btn-danger btn-small"
                    data-testid="rule-delete-yes"
                    onClick={() => void onDelete(rule).finally(() => setConfirming(null))}
                  >
                    {t('tagsPage.confirmDeleteYes')}
                  </button>
                  <button className="btn btn-small" onClick={() => setConfirming(null)}>
                    {t('tagsPage.cancel')}
                  </button>
                </span>
              ) : (
                <>
                  <button className="btn btn-small" data-testid={`rule-edit-${rule.tag}`} onClick={() => onEdit(rule)}>
                    {t('tagsPage.edit')}
                  </button>
                  <button className="btn btn-small btn-danger" data-testid={`rule-delete-${rule.tag}`} onClick={() => setConfirming(rule.id ?? null)}>
                    {t('tagsPage.delete')}
                  </button>
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
