import { useTranslation } from 'react-i18next';
import type { SettingsResponse } from '../api/settings';
import { Section } from './Section';

/** The live journeys' priorities, highest first; each journey sets its own, so each links to it. */
export function PrioritiesSection({ journeys }: { journeys: SettingsResponse['journeys'] }) {
  const { t } = useTranslation();
  return (
    <Section id="priorities" title={t('settingsPage.priorities.title')} help={t('settingsPage.priorities.help')}>
      {journeys.length === 0 ? (
        <p className="muted">{t('settingsPage.priorities.none')}</p>
      ) : (
        <ul className="settings-priorities">
          {journeys.map((j) => (
            <li key={j.id}>
              <a href={`#/journeys/${encodeURIComponent(j.id)}`}>{j.name}</a>{' '}
              <span className="muted">{t('settingsPage.priorities.priority', { priority: j.priority })}</span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
