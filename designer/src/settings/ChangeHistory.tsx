import { useTranslation } from 'react-i18next';
import type { SettingsChangesPage } from '../api/settings';
import { currentLocale } from '../i18n';
import { getIn } from './draft';
import { Section } from './Section';

type Change = SettingsChangesPage['changes'][number];

/** A value of the document as one line: text and numbers as they are, the rest as JSON; absent as —. */
function shown(value: unknown): string {
  if (value === undefined || value === null) return '—';
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

/** The settings change log, newest first: who, when, and each changed path before → after. */
export function ChangeHistory({ changes, more, onMore }: { changes: Change[]; more: boolean; onMore: () => void }) {
  const { t } = useTranslation();
  return (
    <Section id="history" title={t('settingsPage.history.title')}>
      {changes.length === 0 && <p className="muted">{t('settingsPage.history.none')}</p>}
      <ol className="settings-history">
        {changes.map((c) => (
          <li key={c.seq} data-testid="settings-change">
            <div>
              <strong>{t('settingsPage.history.by', { name: c.actor.name, role: c.actor.role })}</strong>{' '}
              <time dateTime={c.changedAt}>{new Date(c.changedAt).toLocaleString(currentLocale())}</time>
            </div>
            <ul>
              {c.paths.map((p) => {
                const path = p.split('.');
                return (
                  <li key={p}>
                    <code>{p}</code>: {shown(getIn(c.before, path))} → {shown(getIn(c.after, path))}
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ol>
      {more && (
        <button type="button" className="btn" onClick={onMore}>
          {t('settingsPage.history.more')}
        </button>
      )}
    </Section>
  );
}
