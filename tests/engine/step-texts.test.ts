import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRegistry, defineChannel, defineNode, field, fieldsWithoutTexts, type NodeDefinition } from '../../engine/index';
import dingTalkRobot from '../../plugins/dingtalk-robot/index';

/**
 * A step is one file: its fields are named there in both languages, and the channels it sends on
 * are described in both. These tests hold every registered step (the built-ins and the shipped
 * plugin) to it, so a field added without its Chinese or English text fails here.
 */
const registry = createRegistry([dingTalkRobot as NodeDefinition]);

describe('texts of steps and channels', () => {
  it('every field of every registered step has a title in zh-CN and en', () => {
    const missing = registry.list().flatMap((d) => fieldsWithoutTexts(d).map((f) => `${d.type}: ${f}`));
    expect(missing).toEqual([]);
  });

  it('finds a field without texts, and one with texts in one language only', () => {
    const bare = defineNode({
      type: 'test.bare',
      version: 1,
      category: 'action',
      labels: { 'zh-CN': { title: '测', description: '测' }, en: { title: 'Test', description: 'Test' } },
      config: z.object({
        named: z.string().meta(field({ en: { title: 'Named' }, 'zh-CN': { title: '有名' } })),
        plain: z.string().meta({ title: 'Plain' }),
        items: z.array(z.object({ inner: z.string() })).meta(field({ en: { title: 'Items' }, 'zh-CN': { title: '项' } })),
        half: z.string().meta({ 'x-i18n': { en: { title: 'Half' } } }),
      }),
      ports: ['next'],
      run: async () => undefined,
    });
    expect(fieldsWithoutTexts(bare as NodeDefinition)).toEqual(['plain (zh-CN)', 'plain (en)', 'items[].inner (zh-CN)', 'items[].inner (en)', 'half (zh-CN)']);
  });

  it('every channel, built-in or a plugin’s, has a name and a description in zh-CN and en', () => {
    const channels = registry.channels();
    expect(channels.map((c) => c.key)).toEqual(['sms', 'email', 'task', 'webhook', 'dingtalk']);
    for (const c of channels) {
      for (const locale of ['zh-CN', 'en'] as const) {
        expect(c.labels[locale].name, `${c.key} name (${locale})`).not.toBe('');
        expect(c.labels[locale].description, `${c.key} description (${locale})`).not.toBe('');
      }
    }
  });

  it('every channel a registered step sends on is a registered channel', () => {
    const keys = new Set(registry.channels().map((c) => c.key));
    const sent = registry.list().flatMap((d) => {
      const parsed = d.config.safeParse({});
      const channel = d.sends?.(parsed.success ? parsed.data : {});
      return channel === undefined ? [] : [[d.type, channel] as const];
    });
    expect(sent.map(([type]) => type)).toEqual(expect.arrayContaining(['message.send', 'webhook.post', 'dingtalk.robot']));
    expect(sent.filter(([, channel]) => !keys.has(channel))).toEqual([]);
  });

  it('refuses a channel without a description in either language, naming it', () => {
    const labels = { name: 'Fax', description: 'A fax' };
    expect(() =>
      defineChannel({ key: 'fax', order: 1, cappable: false, preview: 'text', labels: { en: labels, 'zh-CN': { name: '传真', description: '' } } }),
    ).toThrow('channel "fax": labels.zh-CN needs a name and a description');
    expect(() =>
      defineChannel({ key: 'fax', order: 1, cappable: false, preview: 'text', labels: { 'zh-CN': { name: '传真', description: '传真' } } as never }),
    ).toThrow('channel "fax": labels.en needs a name and a description');
  });
});
