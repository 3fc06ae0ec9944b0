import type { MessagingSettings } from '../../../engine/guardrails/settings';
import { request } from './http';

/** `POST /api/templates/preview` (server/http/routes/templates.ts). */
export interface TemplatePreviewInput {
  template: string;
  channel: 'sms' | 'email' | 'task';
  customerId?: string;
  customer?: Record<string, unknown>;
  event?: { type: string; occurredAt?: string; data: Record<string, unknown> };
  coupon?: Record<string, unknown>;
}

export interface TemplatePreview {
  text: string;
  variables: string[];
  unknownVariables: string[];
  length: number;
  smsSegments: number | null;
  encoding: 'GSM-7' | 'UCS-2' | null;
}

/** What of `GET /api/settings` the message steps show: the shop's quiet hours and caps. */
export interface ShopSettingsResponse {
  settings: { timezone: string; messaging: MessagingSettings };
}

export const messagingApi = {
  preview: (input: TemplatePreviewInput) => request<TemplatePreview>('POST', '/api/templates/preview', input),
  settings: () => request<ShopSettingsResponse>('GET', '/api/settings'),
};
