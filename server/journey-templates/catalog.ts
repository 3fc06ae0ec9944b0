import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nanoid } from 'nanoid';
import { z } from 'zod';
import { journeySchema, type Journey, type Locale } from '../../engine/index';
import { campaignInputSchema } from '../coupons/campaign-schema';
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
  /** The graph to draw a thumbnail: node ids and types, edges, positions. */
  preview: { nodes: { id: string; type: string }[]; edges: { from: string; port: string; to: string }[]; positions: Record<string, { x: number; y: number }> };
}

const shippedDir = join(dirname(fileURLToPath(import.meta.url)), 'shipped');

/** The journey templates Huitou ships (server/journey-templates/shipped/*.json), checked on load. */
export class TemplateCatalog {
  readonly #templates = new Map<string, JourneyTemplate>();

  constructor(dir = shippedDir) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
      const parsed = templateFileSchema.safeParse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
      if (!parsed.success) throw new Error(`journey template ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      this.#templates.set(parsed.data.id, parsed.data);
    }
  }

  get(id: string): JourneyTemplate | undefined {
    return this.#templates.get(id);
  }

  list(locale: Locale): TemplateSummary[] {
    return [...this.#templates.values()].map((t) => {
      const text = t.locales[locale];
      const channels = new Set<string>();
      for (const n of t.journey.nodes) if (typeof n.config.channel === 'string') channels.add(n.config.channel);
      return {
        id: t.id,
        category: t.category,
        name: text.name,
        description: text.description,
        channels: [...channels],
        preview: { nodes: t.journey.nodes.map((n) => ({ id: n.id, type: n.type })), edges: t.journey.edges, positions: layoutByDepth(t.journey.nodes.map((n) => n.id), t.journey.edges) },
      };
    });
  }

  /** A new draft journey from a template, in the language asked for. */
  instantiate(id: string, locale: Locale, options: { journeyId?: string | undefined; name?: string | undefined } = {}): Journey | undefined {
    const t = this.#templates.get(id);
    if (!t) return undefined;
    const text = t.locales[locale];
    const nodes = t.journey.nodes.map((n) => ({ ...n, config: { ...n.config, ...(text.texts[n.id] ?? {}) } }));
    return journeySchema.parse({
      id: options.journeyId ?? `${t.id}-${nanoid(6).replace(/[^A-Za-z0-9]/g, 'x')}`,
      name: options.name ?? text.name,
      description: text.description,
      status: 'draft',
      version: 0,
      nodes,
      edges: t.journey.edges,
      settings: t.journey.settings,
      layout: { positions: layoutByDepth(nodes.map((n) => n.id), t.journey.edges) },
    });
  }
}
