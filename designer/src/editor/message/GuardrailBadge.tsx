import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n';
import { guardrailsOf } from '../../model/guardrails';
import { capText, channelName, quietShort } from './guardrailTexts';
import { useShopMessaging } from './useShopMessaging';
import './message.css';

/**
 * On a message step on the canvas: the channel, how quiet hours treat it (hold, skip, ignored, or
 * transactional) and the shop's frequency caps that count it — what a marketer must not miss.
 */
export function GuardrailBadge({ nodeId, config }: { nodeId: string; config: Record<string, unknown> }) {
  const { t } = useTranslation();
  const messaging = useShopMessaging();
  const g = guardrailsOf(config, messaging);
  if (!g) return null;
  const quiet = quietShort(t, g);
  const caps = g.caps.map((c) => capText(t, c, currentLocale()));
  return (
    <div className="step-guardrails" data-testid={`node-guardrails-${nodeId}`}>
      <span className={`guard-chip guard-channel guard-${g.channel}`} data-testid={`node-channel-${nodeId}`}>
        {channelName(g.channel, currentLocale())}
      </span>
      {quiet && (
        <span className={`guard-chip guard-quiet-${g.quiet.kind}`} data-testid={`node-quiet-${nodeId}`} title={quiet}>
          {quiet}
        </span>
      )}
      {caps.map((c) => (
        <span key={c} className="guard-chip guard-cap" data-testid={`node-cap-${nodeId}`} title={c}>
          {c}
        </span>
      ))}
    </div>
  );
}
