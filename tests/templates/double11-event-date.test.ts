import { describe, expect, it } from 'vitest';
import { createRegistry, journeySchema, messagingSettingsSchema, simulateJourney, type Journey, type Locale } from '../../engine/index';
import { TemplateCatalog } from '../../server/journeys/templates/catalog';

const catalog = new TemplateCatalog();
const registry = createRegistry();
const double11 = (locale: Locale, eventDate?: string, now?: number) =>
  catalog.instantiate('double11-waves', locale, { eventDate, now, timezone: 'Asia/Shanghai' })!;
const config = (j: Journey, id: string) => j.nodes.find((n) => n.id === id)!.config as Record<string, unknown>;
const texts = (j: Journey) => j.nodes.flatMap((n) => [n.config.template, n.config.subject]).filter((t): t is string => typeof t === 'string');

describe('the Double 11 template, dated from its event day', () => {
  it('dates its broadcast and waits from the event date given, and writes no year of its own', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const j = double11(locale, '2026-11-11');
      expect(config(j, 'trigger').at).toBe('2026-10-27T10:00');
      expect(config(j, 'until-wave2').dateTime).toBe('2026-11-06T10:00');
      expect(config(j, 'until-wave3').dateTime).toBe('2026-11-10T10:00');
      expect(JSON.stringify(j)).not.toContain('2027');
      const later = double11(locale, '2031-11-11');
      expect(config(later, 'until-wave3').dateTime).toBe('2031-11-10T10:00');
      expect(JSON.stringify(later)).not.toMatch(/2026|2027/);
    }
  });

  it('by default takes the next Double 11 whose first wave (15 days ahead) is still to come in the shop’s zone', () => {
    const at = (iso: string) => config(double11('zh-CN', undefined, Date.parse(iso)), 'trigger').at;
    expect(at('2026-10-01T12:00:00+08:00')).toBe('2026-10-27T10:00');
    // 26 October, 23:30 in Shanghai is the 26th there: the first wave on the 27th is still ahead.
    expect(at('2026-10-26T15:30:00Z')).toBe('2026-10-27T10:00');
    // 1 November: this year's first wave has passed, so next year's Double 11.
    expect(at('2026-11-01T12:00:00+08:00')).toBe('2027-10-27T10:00');
    expect(at('2026-12-07T12:00:00+08:00')).toBe('2027-10-27T10:00');
  });

  it('the template list says which templates take an event date, with the default the gallery offers', () => {
    const list = catalog.list('zh-CN', { timezone: 'Asia/Shanghai', now: Date.parse('2026-12-07T12:00:00+08:00') });
    expect(list.find((t) => t.id === 'double11-waves')?.eventDate).toBe('2027-11-11');
    expect(list.filter((t) => t.id !== 'double11-waves').map((t) => t.eventDate)).toEqual([null, null, null, null, null, null]);
  });

  it('says only what it does: the eve says tonight, not tomorrow; the VIP coupon text comes after the coupon is issued', () => {
    const zh = double11('zh-CN', '2026-11-11');
    const en = double11('en', '2026-11-11');
    for (const t of texts(zh)) expect(t).not.toMatch(/明晚|明天|11 ?月 ?11 ?日|11日/);
    for (const t of texts(en)) expect(t).not.toMatch(/tomorrow|11 November|on the 11th/i);
    for (const j of [zh, en]) {
      expect(config(j, 'wave3-loyal').template).toContain('{{coupon.code}}');
      // The only way into the coupon message is through a coupon actually issued.
      expect(j.edges.filter((e) => e.to === 'wave3-loyal')).toEqual([{ from: 'wave3-vip-coupon', port: 'next', to: 'wave3-loyal' }]);
      expect(j.nodes.find((n) => n.id === 'wave3-vip-coupon')).toMatchObject({ type: 'coupon.issue', config: { campaignId: 'double11-vip' } });
      // A campaign used up: thanks without a coupon promise.
      expect(j.edges).toContainEqual({ from: 'wave3-vip-coupon', port: 'exhausted', to: 'wave3-loyal-thanks' });
      expect(config(j, 'wave3-loyal-thanks').template).not.toMatch(/券|coupon/i);
    }
    expect(config(zh, 'wave3-loyal').template).toContain('今晚 0 点双11');
    expect(catalog.get('double11-waves')!.campaigns.map((c) => c.id)).toEqual(['double11-vip']);
  });

  it('simulated for a VIP customer: issues the coupon the eve’s message then shows, on the day before', async () => {
    const journey = journeySchema.parse(double11('zh-CN', '2026-11-11'));
    const campaign = catalog.get('double11-waves')!.campaigns[0]!;
    const result = await simulateJourney({
      journey,
      registry,
      customer: { id: 'c-vip', name: '李雷', phone: '13800001111', facts: { tier: 'vip', lifecycleStage: 'active' } },
      events: [{ at: '2026-10-27T02:00:00Z', type: 'broadcast.due', data: { journeyId: journey.id, version: 1, nodeId: 'trigger' } }],
      from: '2026-10-27T00:00:00Z',
      until: '2026-11-12T00:00:00Z',
      messaging: messagingSettingsSchema.parse({}),
      shopTimezone: 'Asia/Shanghai',
      campaign: async (id) =>
        id === campaign.id ? { kind: campaign.kind, value: campaign.value, validDays: campaign.validDays ?? null, expiresAt: null } : undefined,
    });
    expect(result.steps.map((s) => s.nodeId)).toContain('wave3-vip-coupon');
    const eve = result.messages.find((m) => m.nodeId === 'wave3-loyal');
    expect(eve).toMatchObject({ at: '2026-11-10T02:00:00.000Z', channel: 'sms' });
    expect(eve!.text).toBe('尊敬的李雷，感谢一路相伴！今晚 0 点双11开抢，¥50 VIP 专属券已放入账户（券码 SIM0001，满 300 可用，2026-11-13 前有效）。');
  });
});
