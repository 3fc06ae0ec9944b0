import { useEffect, useSyncExternalStore } from 'react';
import type { SmsTemplate } from '../../../../engine/facts/sms-templates';
import type { MessagingSettings } from '../../../../engine/guardrails/settings';
import { messagingApi } from '../../api/messaging';

/**
 * The shop's quiet hours and frequency caps, and its SMS signature and registered templates, read
 * once per page from GET /api/settings and shared by every message step on the canvas and the
 * inspector. Null until they arrive (or when they cannot be read): the steps then show their own
 * settings only.
 */
interface ShopMessaging {
  messaging: MessagingSettings;
  sms: { signature: string | null; templates: SmsTemplate[] };
}

let shop: ShopMessaging | null = null;
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();

function load(): void {
  loading ??= messagingApi
    .settings()
    .then((r) => {
      shop = { messaging: r.settings.messaging, sms: r.settings.sms };
      listeners.forEach((l) => l());
    })
    .catch(() => {
      // Shown without the shop's part; the next step mounted asks again.
      loading = null;
    });
}

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  return () => listeners.delete(onChange);
}

export function useShopMessaging(): MessagingSettings | null {
  useEffect(load, []);
  return useSyncExternalStore(subscribe, () => shop?.messaging ?? null);
}

/** The shop's SMS signature and approved templates (settings `sms`), null until read. */
export function useShopSms(): ShopMessaging['sms'] | null {
  useEffect(load, []);
  return useSyncExternalStore(subscribe, () => shop?.sms ?? null);
}
