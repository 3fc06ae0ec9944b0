import { useTranslation } from 'react-i18next';
import { useStore } from '../store';
import { TimeZonePicker } from './inputs/TimeZoneWidget';
import { ExitGoalSettings } from './settings/ExitGoalSettings';
import './message/message.css';

/** With no step selected, the inspector shows the journey's own settings: its time zone, urgency, exit criteria and goal. */
export function JourneySettings() {
  const { t } = useTranslation();
  const timezone = useStore((s) => s.meta?.settings.timezone);
  const setTimezone = useStore((s) => s.setTimezone);
  const urgent = useStore((s) => s.meta?.settings.urgent === true);
  const setSettings = useStore((s) => s.setSettings);
  if (timezone === undefined) return null;
  return (
    <section className="journey-settings" data-testid="journey-settings">
      <h3>{t('inputs.journey.title')}</h3>
      <label htmlFor="journey-timezone">{t('inputs.journey.timezone')}</label>
      <TimeZonePicker id="journey-timezone" name="journey" value={timezone} onChange={setTimezone} />
      <p className="muted small">{t('inputs.journey.timezoneHelp')}</p>
      <label>
        <input type="checkbox" checked={urgent} onChange={(e) => setSettings({ urgent: e.target.checked ? true : undefined })} data-testid="journey-urgent" />{' '}
        {t('inputs.journey.urgent')}
      </label>
      <p className="muted small">{t('inputs.journey.urgentHelp')}</p>
      <ExitGoalSettings />
    </section>
  );
}
