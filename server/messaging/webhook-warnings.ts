import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { journeyOutboundUrls, webhookWarning, type Journey, type JourneyWarning, type Locale, type NodeRegistry } from '../../engine/index';
import { createAddressGuard, stripBrackets } from './address-guard';

/** How long publish waits for a name to resolve before saying nothing about it. */
const LOOKUP_TIMEOUT_MS = 2_000;

/**
 * Warnings for the URLs a journey calls that outbound HTTP would refuse, judged by the same
 * address guard and allow-list (HUITOU_HTTP_ALLOW) as at send time: an address literal as
 * written, a name by what it resolves to now. A name that does not resolve is not a warning here
 * (it may exist by the time the step runs); the step's failure is counted then.
 */
export async function webhookAddressWarnings(journey: Journey, registry: NodeRegistry, allow: string[], locale: Locale): Promise<JourneyWarning[]> {
  const guard = createAddressGuard(allow);
  const warnings: JourneyWarning[] = [];
  for (const target of journeyOutboundUrls(journey, registry)) {
    const host = stripBrackets(target.host);
    if (guard.hostAllowed(host)) continue;
    const addresses = isIP(host) ? [host] : await resolve(host);
    for (const address of addresses) {
      const why = guard.refusal(address);
      if (why) {
        warnings.push(webhookWarning(locale, { ...target, host: address === host ? host : `${host} (${address})` }, why.replace(/ address$/, '')));
        break;
      }
    }
  }
  return warnings;
}

async function resolve(host: string): Promise<string[]> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<string[]>((done) => (timer = setTimeout(() => done([]), LOOKUP_TIMEOUT_MS)));
  try {
    return await Promise.race([lookup(host, { all: true }).then((all) => all.map((a) => a.address)), timeout]);
  } catch {
    return [];
  } finally {
    clearTimeout(timer);
  }
}
