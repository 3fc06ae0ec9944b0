import { describe, expect, it } from 'vitest';
import { createRegistry, validateJourney } from '../../engine/index';
import { TemplateCatalog } from '../../server/journeys/templates/catalog';

const catalog = new TemplateCatalog();
const ids = ['birthday-greeting', 'double11-waves', 'exclusive-offer', 'new-buyer-care', 'payment-reminder', 'silent-reactivation', 'winback-lost'];
const cjk = /[\u4e00-\u9fff]/;

describe('the shipped journey templates', () => {
  it('ships the seed journeys, named in both languages', () => {
    expect(catalog.list('en').map((t) => t.id)).toEqual(ids);
    const zh = catalog.list('zh-CN');
    expect(zh.find((t) => t.id === 'double11-waves')?.name).toBe('双11 三波预热');
    expect(catalog.list('en').find((t) => t.id === 'double11-waves')?.name).toBe('Double 11 in three waves');
    for (const t of zh) expect(t.preview.nodes.every((n) => t.preview.positions[n.id])).toBe(true);
  });

  it.each(ids)('%s is a valid journey in zh-CN and en, with its texts in that language', (id) => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const journey = catalog.instantiate(id, locale)!;
      expect(validateJourney(journey, createRegistry(), locale).problems).toEqual([]);
      const texts = journey.nodes.flatMap((n) =>
        ['template', 'subject', 'title', 'note'].map((k) => n.config[k]).filter((v): v is string => typeof v === 'string'),
      );
      expect(texts.length).toBeGreaterThan(0);
      for (const text of texts) expect(cjk.test(text), `${id} ${locale}: ${text}`).toBe(locale === 'zh-CN');
    }
  });

  it('every coupon step names a campaign the template brings', () => {
    for (const id of ids) {
      const t = catalog.get(id)!;
      const named = t.journey.nodes.filter((n) => n.type === 'coupon.issue').map((n) => n.config.campaignId);
      expect(
        named.every((c) => t.campaigns.some((k) => k.id === c)),
        id,
      ).toBe(true);
    }
  });
});
