import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n';
import type { TagRuleDraft } from '../api/tag-rules';
import { segmentName, stageName } from './describe-rule';
import type { PreviewState } from './use-preview';

/** What made a sample customer match, readable: a stage's or segment's name, spend in yuan. */
function shownValue(kind: TagRuleDraft['kind'], value: string): string {
  const locale = currentLocale();
  if (kind === 'stage') return stageName(value as Parameters<typeof stageName>[0], locale) ?? value;
  if (kind === 'rfm-segment') return segmentName(value as Parameters<typeof segmentName>[0], locale) ?? value;
  if (kind === 'spend-in-window') return `¥${value}`;
  return value;
}

/** The live count of the rule being edited and up to ten customers it tags. */
export function RulePreview({ kind, state }: { kind: TagRuleDraft['kind']; state: PreviewState }) {
  const { t } = useTranslation();
  if (state.state === 'invalid')
    return (
      <div className="tag-preview" data-testid="rule-preview">
        <ul className="field-errors" data-testid="rule-problems">
          {state.messages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      </div>
    );
  const preview = state.state === 'ready' ? state.preview : state.state === 'loading' ? state.last : undefined;
  return (
    <div className="tag-preview" data-testid="rule-preview" aria-busy={state.state === 'loading'}>
      <strong data-testid="rule-preview-count" data-count={state.state === 'ready' ? state.preview.customers : ''}>
        {preview ? t('tagsPage.preview', { count: preview.customers }) : state.state === 'loading' ? t('tagsPage.previewing') : t('tagsPage.previewEmpty')}
      </strong>
      {preview && preview.sample.length > 0 ? (
        <table className="journey-table" data-testid="rule-sample">
          <tbody>
            {preview.sample.map((s) => (
              <tr key={s.customerId}>
                <td>{s.customerId}</td>
                <td>{s.name ?? ''}</td>
                <td title={t('tagsPage.sampleValue')}>{shownValue(kind, s.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
