import { z } from 'zod';
import { shopSettingsSchema } from '../engine/facts/settings';
import { endpoint } from './endpoint';

/** The shop's settings with defaults filled in (engine/facts/settings.ts; docs/facts.md). */
export const shopSettings = shopSettingsSchema.meta({ id: 'ShopSettings' });

export const getSettings = endpoint({
  method: 'GET',
  path: '/api/settings',
  access: 'analyst',
  summary: 'The shop settings (defaults filled in) and the last population boundaries',
  response: z.object({ settings: shopSettings, population: z.unknown() }),
});

export const putSettings = endpoint({
  method: 'PUT',
  path: '/api/settings',
  access: 'admin',
  summary: 'Stored',
  description: 'Replaces the shop settings (docs/facts.md); absent fields take their defaults.',
  body: z.record(z.string(), z.unknown()).meta({ description: 'The settings, as GET /api/settings answers them; absent fields take their defaults' }),
  // Checked by the settings store, which words each problem by its dotted path (rfm.ranges.monetary).
  bodyCheckedBy: 'handler',
  response: z.object({ settings: shopSettings }),
  answers: { 400: 'Bad fields, by path (error invalid_settings)' },
});

export const settingsEndpoints = [getSettings, putSettings] as const;
