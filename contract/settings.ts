import { z } from 'zod';
import { shopSettingsSchema } from '../engine/facts/settings';
import { endpoint } from './endpoint';

/** The shop's settings with defaults filled in (engine/facts/settings.ts; docs/facts.md). */
export const shopSettings = shopSettingsSchema.meta({ id: 'ShopSettings' });

/** A live journey's place when frequency caps bite (its `settings.priority`), shown beside the settings. */
const journeyPriority = z.object({ id: z.string(), name: z.string(), priority: z.number().int() });

export const getSettings = endpoint({
  method: 'GET',
  path: '/api/settings',
  access: 'analyst',
  summary: "The shop settings (defaults filled in), the last population boundaries and the live journeys' priorities",
  response: z.object({ settings: shopSettings, population: z.unknown(), journeys: z.array(journeyPriority) }),
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
  response: z.object({
    settings: shopSettings,
    changed: z.array(z.string()).meta({ description: 'The dotted paths that changed; none: nothing was stored or logged' }),
  }),
  answers: { 400: 'Bad fields, by path (error invalid_settings)' },
});

const actor = z.object({ tokenId: z.string().nullable(), name: z.string(), role: z.string() });
const settingsChange = z
  .object({
    seq: z.string(),
    changedAt: z.string(),
    actor,
    before: shopSettings,
    after: shopSettings,
    paths: z.array(z.string()),
  })
  .meta({ id: 'SettingsChange' });

export const getSettingsChanges = endpoint({
  method: 'GET',
  path: '/api/settings/changes',
  access: 'analyst',
  summary: 'The settings change log, newest first',
  description:
    "Every stored change of the shop settings: who (the token's name and role), when, the whole document before and after, and the dotted paths that changed. Keyset pages: pass the answer's nextCursor as cursor.",
  query: z.object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z
      .string()
      .regex(/^\d{1,19}$/, 'must be a nextCursor of an earlier answer')
      .optional()
      .meta({ description: 'The nextCursor of the previous page' }),
  }),
  invalid: 'invalid_query',
  response: z.object({ changes: z.array(settingsChange), nextCursor: z.string().nullable() }),
});

const move = z.object({ from: z.string().nullable(), to: z.string().nullable(), customers: z.number().int() });

export const previewSettings = endpoint({
  method: 'POST',
  path: '/api/settings/preview',
  access: 'admin',
  summary: 'What the proposed settings would move',
  description:
    'Checks the proposed settings as PUT does and computes, on the stored data and without storing anything, what a full facts refresh with them would move against the last snapshot: customers by lifecycle stage, tier and RFM segment (from → to), rule tags added and removed, and the live journeys whose trigger starts on those changes with how many customers each would enrol (before re-entry rules).',
  body: z.record(z.string(), z.unknown()).meta({ description: 'The proposed settings, as for PUT /api/settings' }),
  bodyCheckedBy: 'handler',
  response: z.object({
    asOf: z.string(),
    snapshotAsOf: z.string().nullable().meta({ description: 'The last refresh compared with; null before the first (nothing moves)' }),
    changed: z.array(z.string()),
    stage: z.array(move),
    tier: z.array(move),
    rfmSegment: z.array(move),
    tags: z.array(z.object({ tag: z.string(), added: z.number().int(), removed: z.number().int() })),
    journeys: z.array(z.object({ id: z.string(), name: z.string(), customers: z.number().int() })),
  }),
  answers: { 400: 'Bad fields, by path (error invalid_settings)' },
});

export const settingsEndpoints = [getSettings, putSettings, getSettingsChanges, previewSettings] as const;
