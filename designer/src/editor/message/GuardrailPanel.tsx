import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n';
import { guardrailsOf } from '../../model/guardrails';
import { capText, channelName, quietText } from './guardrailTexts';
import { useShopMessaging } from './useShopMessaging';
import './message.css';

/** The inspector's account of the same guardrails as the node's badge, in full sentences. */
export function GuardrailPanel({ config }: { config: Record<string, unknown> }) {
  const { t } = useTranslation();
  const messaging = useShopMessaging();
  const g = guardrailsOf(config, messaging);
  if (!g) return null;
  const exempt = g.quiet.kind === 'exempt';
  return (
    <section className="guardrail-panel" data-testid="guardrail-panel" aria-label={t('guardrails.title')}>
      <h3>
        {t('guardrails.title')} · {channelName(g.channel, currentLocale())}
      </h3>
      <ul>
        <li data-testid="guardrail-quiet">{quietText(t, g)}</li>
        {!exempt &&
          (g.caps.length > 0 ? (
            g.caps.map((c) => (
              <li key={`${c.channel}-${c.within}-${c.max}`} data-testid="guardrail-cap">
                {capText(t, c, currentLocale())}
              </li>
            ))
          ) : (
            <li className="muted">{t('guardrails.noCaps')}</li>
          ))}
      </ul>
      <p className="muted small">
        {t('guardrails.settingsHelp')}{' '}
        <a href="#/settings" data-testid="guardrail-settings-link">
          {t('guardrails.settingsWhere')}
        </a>
      </p>
    </section>
  );
}
