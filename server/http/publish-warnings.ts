import { journeyWarnings, type Journey, type JourneyWarning, type Locale } from '../../engine/index';
import { webhookAddressWarnings } from '../messaging/webhook-warnings';
import type { AppContext } from './context';

/**
 * What publish warns about (the publish dialog shows them; the publish answer carries them):
 * template variables nothing fills, from the engine, and webhook addresses outbound HTTP refuses,
 * judged here with the operator's allow-list and DNS rather than from the literal alone.
 */
export async function publishWarnings(ctx: AppContext, journey: Journey, locale: Locale): Promise<JourneyWarning[]> {
  const variables = journeyWarnings(journey, ctx.registry, locale, { literalAddresses: false });
  const addresses = await webhookAddressWarnings(journey, ctx.registry, ctx.httpAllow ?? [], locale);
  return [...variables, ...addresses];
}
