import { describe, expect, it } from 'vitest';
import { createRegistry } from '../../engine/index';

const han = /[\u4e00-\u9fff]/;
const registry = createRegistry();
const described = registry.describe();

describe('NodeRegistry.describe()', () => {
  it('lists every built-in node type once', () => {
    const types = described.map((d) => d.type);
    expect(new Set(types).size).toBe(types.length);
    expect(types).toEqual(
      expect.arrayContaining([
        'condition',
        'exit',
        'message.send',
        'trigger.event',
        'wait',
        'wait.event',
        'wait.until',
        'wait.window',
        'wait.date',
        'split.multi',
        'split.random',
      ]),
    );
  });

  it('gives each type a zh-CN and an en title and description', () => {
    for (const d of described) {
      expect(d.labels['zh-CN'].title, d.type).toMatch(han);
      expect(d.labels['zh-CN'].description, d.type).toMatch(han);
      expect(d.labels.en.title, d.type).toMatch(/^[A-Z][A-Za-z ]+$/);
      expect(d.labels.en.description.length, d.type).toBeGreaterThan(10);
    }
  });

  it('gives the ports of the default config, each labelled in both locales', () => {
    const ports = Object.fromEntries(described.map((d) => [d.type, d.ports]));
    expect(ports).toMatchObject({
      'trigger.event': ['next'],
      wait: ['next'],
      'wait.event': ['event', 'timeout'],
      condition: ['yes', 'no'],
      'message.send': ['next'],
      exit: [],
      'wait.until': ['next'],
      'wait.window': ['next'],
      'wait.date': ['next', 'missing'],
      'split.multi': ['a', 'b', 'else'],
      'split.random': ['a', 'b'],
    });
    for (const d of described) {
      // Ports named by the config (split branches) are labelled by the config.
      const fromConfig = registry.require(d.type).portLabels?.(d.defaultConfig) ?? {};
      for (const port of d.ports) {
        expect(d.labels['zh-CN'].ports?.[port] ?? fromConfig[port], `${d.type}.${port}`).toMatch(/\S/);
        expect(d.labels.en.ports?.[port] ?? fromConfig[port], `${d.type}.${port}`).toMatch(/\S/);
      }
    }
  });

  it('gives a JSON Schema of an object with properties covering the default config', () => {
    for (const d of described) {
      expect(d.configSchema.type, d.type).toBe('object');
      const properties = d.configSchema.properties as Record<string, unknown> | undefined;
      expect(properties, d.type).toBeTypeOf('object');
      for (const key of Object.keys(d.defaultConfig)) expect(Object.keys(properties ?? {}), `${d.type}.${key}`).toContain(key);
    }
    const wait = described.find((d) => d.type === 'wait');
    expect((wait?.configSchema.properties as Record<string, { format?: string }>).duration?.format).toBe('duration');
  });

  it("gives a default config that passes the type's own config schema unchanged", () => {
    for (const d of described) {
      const parsed = registry.require(d.type).config.safeParse(d.defaultConfig);
      expect(parsed.success, d.type).toBe(true);
      expect(parsed.data, d.type).toEqual(d.defaultConfig);
    }
    expect(described.find((d) => d.type === 'wait.event')?.defaultConfig).toEqual({ eventType: 'order.paid', timeout: 'PT25M', sameOrder: true });
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(described))).toEqual(described);
  });
});
