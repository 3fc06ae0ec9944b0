import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nanoid } from 'nanoid';
import { z } from 'zod';
import { journeySchema, type Journey, type Locale } from '../../../engine/index';
import { campaignInputSchema } from '../../../contract/coupons';
import { datedFields, defaultEventDate, eventDateSpecSchema } from './event-date';
import { layoutByDepth } from './layout';

const localeTextSchema = z.object({
  name: z.string().min(1),
  description: z.string().min(1),
  /** Per node: config fields in this language (message texts, subjects, branch labels). */
  texts: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
});

const templateFileSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  category: z.enum(['care', 'conversion', 'winback', 'promotion']),
  locales: z.object({ 'zh-CN': localeTextSchema, en: localeTextSchema }),
  /** Coupon campaigns the journey's coupon steps name; made when a journey is created from it, unless they exist. */
  campaigns: z.array(campaignInputSchema).default([]),
  /** A template built around one day: the dates its steps get from it (server/journeys/templates/event-date.ts). */
  eventDate: eventDateSpecSchema.optional(),
  journey: z.object({
    nodes: z.array(z.object({ id: z.string(), type: z.string(), config: z.record(z.string(), z.unknown()).default({}) })),
    edges: z.array(z.object({ from: z.string(), port: z.string(), to: z.string() })),
    settings: z.record(z.string(), z.unknown()).default({}),
  }),
});
export type JourneyTemplate = z.infer<typeof templateFileSchema>;

export interface TemplateSummary {
  id: string;
  category: JourneyTemplate['category'];
  name: string;
  description: string;
  channels: string[];
  /** For a template built around one day: the day a journey made now would use by default (YYYY-MM-DD); else null. */
  eventDate: string | null;
  /** The graph to draw a thumbnail: node ids and types, edges, positions. */
  preview: { nodes: { id: string; type: string }[]; edges: { from: string; port: string; to: string }[]; positions: Record<string, { x: number; y: number }> };
}

export interface InstantiateOptions {
  journeyId?: string | undefined;
  name?: string | undefined;
  /** The event day (YYYY-MM-DD) of a template built around one; ignored by others. */
  eventDate?: string | undefined;
  /** The shop's time zone, for the default event day. */
  timezone?: string | undefined;
  /** The instant the default event day is chosen from (epoch ms); now when absent. */
  now?: number | undefined;
}

const shippedDir = join(dirname(fileURLToPath(import.meta.url)), 'shipped');

/** The journey templates Huitou ships (server/journeys/templates/shipped/*.json), checked on load. */
export class TemplateCatalog {
  readonly #templates = new Map<string, JourneyTemplate>();

  constructor(dir = shippedDir) {
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const parsed = templateFileSchema.safeParse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
      if (!parsed.success) throw new Error(`journey template ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      this.#templates.set(parsed.data.id, parsed.data);
    }
  }

  /** Whether the template is built around an event day, which `eventDate` chooses. */
  hasEventDate(id: string): boolean {
    return this.#templates.get(id)?.eventDate !== undefined;
  }

  get(id: string): JourneyTemplate | undefined {
    return this.#templates.get(id);
  }

  list(locale: Locale, options: { timezone?: string | undefined; now?: number | undefined } = {}): TemplateSummary[] {
    return [...this.#templates.values()].map((t) => {
      const zone = options.timezone ?? (typeof t.journey.settings.timezone === 'string' ? t.journey.settings.timezone : 'Asia/Shanghai');
      const text = t.locales[locale];
      const channels = new Set<string>();
      for (const n of t.journey.nodes) if (typeof n.config.channel === 'string') channels.add(n.config.channel);
      return {
        id: t.id,
        category: t.category,
        name: text.name,
        description: text.description,
        channels: [...channels],
        eventDate: t.eventDate ? defaultEventDate(t.eventDate, options.now ?? Date.now(), zone) : null,
        preview: {
          nodes: t.journey.nodes.map((n) => ({ id: n.id, type: n.type })),
          edges: t.journey.edges,
          positions: layoutByDepth(
            t.journey.nodes.map((n) => n.id),
            t.journey.edges,
          ),
        },
      };
    });
  }

  /**
   * A new draft journey from a template, in the language asked for. A template built around an
   * event day takes `eventDate` (YYYY-MM-DD); by default the next one whose steps are all ahead
   * in `timezone` (the shop's; the template's own when not given) as of `now`.
   */
  instantiate(id: string, locale: Locale, options: InstantiateOptions = {}): Journey | undefined {
    const t = this.#templates.get(id);
    if (!t) return undefined;
    const text = t.locales[locale];
    const zone = options.timezone ?? (typeof t.journey.settings.timezone === 'string' ? t.journey.settings.timezone : 'Asia/Shanghai');
    const dated = t.eventDate
      ? datedFields(t.eventDate, options.eventDate ?? defaultEventDate(t.eventDate, options.now ?? Date.now(), zone))
      : new Map<string, Record<string, string>>();
    const nodes = t.journey.nodes.map((n) => ({ ...n, config: { ...n.config, ...(text.texts[n.id] ?? {}), ...(dated.get(n.id) ?? {}) } }));
    return journeySchema.parse({
      id: options.journeyId ?? `${t.id}-${nanoid(6).replace(/[^A-Za-z0-9]/g, 'x')}`,
      name: options.name ?? text.name,
      description: text.description,
      status: 'draft',
      version: 0,
      nodes,
      edges: t.journey.edges,
      settings: t.journey.settings,
      layout: {
        positions: layoutByDepth(
          nodes.map((n) => n.id),
          t.journey.edges,
        ),
      },
    });
  }
}
