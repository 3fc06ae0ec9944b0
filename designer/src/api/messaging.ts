import type { z } from 'zod';
import { getSettings, previewTemplate, type previewBodySchema, type ResponseOf } from '../../../contract/index';
import { call } from './call';

/** `POST /api/templates/preview` (contract/templates.ts). */
export type TemplatePreviewInput = z.input<typeof previewBodySchema>;
export type TemplatePreview = ResponseOf<typeof previewTemplate>;

/** `GET /api/settings`: the message steps show the shop's quiet hours and caps. */
export type ShopSettingsResponse = ResponseOf<typeof getSettings>;

export const messagingApi = {
  preview: (input: TemplatePreviewInput) => call(previewTemplate, { body: input }),
  settings: () => call(getSettings),
};
