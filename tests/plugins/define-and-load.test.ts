import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRegistry, defineAction, Interpreter, stampForPublish, validateJourney, type NodeDefinition } from '../../engine/index';
import { configFromEnv, projectRoot } from '../../server/config';
import { loadPlugins } from '../../server/compose/load-plugins';
import { startHuitou } from '../../server/runtime';
import echoVersions from './fixtures/echo-v2';
import { pluginJourney } from './journeys';

const fixtures = join(projectRoot, 'tests', 'plugins', 'fixtures');
const spec = {
  type: 'acme.ping',
  version: 1,
  labels: { 'zh-CN': { title: '测试', description: '测试' }, en: { title: 'Ping', description: 'Ping' } },
  config: z.object({}),
  run: async () => undefined,
};

describe('defineAction', () => {
  it('gives an action definition with its activity options in milliseconds', () => {
    const def = defineAction({
      ...spec,
      icon: '🔔',
      activity: { startToCloseTimeout: 'PT30S', retry: { maximumAttempts: 3, initialInterval: 'PT1S', nonRetryableErrorTypes: ['Bad'] } },
    });
    expect(def).toMatchObject({ type: 'acme.ping', version: 1, category: 'action', icon: '🔔', behaviour: { kind: 'action' } });
    expect(def.activity).toEqual({
      startToCloseTimeoutMs: 30_000,
      retry: { maximumAttempts: 3, initialIntervalMs: 1_000, backoffCoefficient: 2, maximumIntervalMs: 300_000, nonRetryableErrorTypes: ['Bad'] },
    });
    expect(def.ports({})).toEqual(['next']);
  });

  it('refuses a bad spec, naming the field and the reason', () => {
    expect(() => defineAction({ ...spec, type: 'Acme Ping' })).toThrow('action "Acme Ping": type must be lower-case words');
    expect(() => defineAction({ ...spec, version: 0 })).toThrow('version must be a whole number from 1');
    expect(() => defineAction({ ...spec, labels: { en: spec.labels.en } as never })).toThrow('labels.zh-CN needs a title and a description');
    expect(() => defineAction({ ...spec, activity: { retry: { maximumAttempts: 0 } } })).toThrow('retry.maximumAttempts must be a whole number from 1');
    expect(() => defineAction({ ...spec, activity: { startToCloseTimeout: 'P1M' } })).toThrow('startToCloseTimeout must be an ISO 8601 duration');
    expect(() => defineAction({ ...spec, category: 'wait' as never })).toThrow('category must be "action" or "flow"');
  });
});

describe('node versions in the registry', () => {
  const registry = createRegistry(echoVersions as NodeDefinition[]);

  it('gets the latest by default and any installed version on request', () => {
    expect(registry.get('test.echo')?.version).toBe(2);
    expect(registry.get('test.echo', 1)?.version).toBe(1);
    expect(registry.get('test.echo', 3)).toBeUndefined();
    expect(registry.versions('test.echo')).toEqual([1, 2]);
    expect(registry.describe().filter((d) => d.type === 'test.echo')).toMatchObject([{ version: 2, versions: [1, 2], icon: '📣', behaviour: 'action' }]);
    expect(() => registry.register((echoVersions as NodeDefinition[])[0]!)).toThrow('node type "test.echo" version 1 is already registered');
  });

  it('stamps the latest version and activity options at publish, and validates with the stamped version', () => {
    const journey = pluginJourney('test.echo');
    journey.nodes.find((n) => n.id === 'plugin-step')!.config = { note: 'x', loud: false };
    const stamped = stampForPublish(journey, registry);
    const step = stamped.nodes.find((n) => n.id === 'plugin-step')!;
    expect(step).toMatchObject({ typeVersion: 2, activity: { startToCloseTimeoutMs: 60_000 } });
    expect(stamped.nodes.find((n) => n.id === 'trigger')).toMatchObject({ typeVersion: 1 });
    expect(stamped.nodes.find((n) => n.id === 'trigger')!.activity).toBeUndefined();
    expect(validateJourney(stamped, registry).ok).toBe(true);

    // v1 does not know `loud`: a document stamped with v1 is checked against v1 (strip: parses, loud dropped).
    const asV1 = { ...stamped, nodes: stamped.nodes.map((n) => (n.id === 'plugin-step' ? { ...n, typeVersion: 1, config: { note: 5 } } : n)) };
    expect(validateJourney(asV1, registry).problems.map((p) => p.path)).toEqual(['nodes[1].config.note']);
    const missing = { ...stamped, nodes: stamped.nodes.map((n) => (n.id === 'plugin-step' ? { ...n, typeVersion: 7 } : n)) };
    expect(validateJourney(missing, registry).problems).toMatchObject([
      { path: 'nodes[1].typeVersion', code: 'unknown_node_version', message: 'Version 7 of the step type "test.echo" is not installed (installed: 1, 2).' },
    ]);
  });

  it('hands the stamped version and options to the runtime, and plugin types stay opaque in the bundle', () => {
    const stamped = stampForPublish(pluginJourney('test.echo'), createRegistry(echoVersions as NodeDefinition[]));
    const bundle = new Interpreter(stamped, createRegistry(), { opaqueActions: true });
    const step = bundle.instruction(bundle.enter());
    expect(step).toMatchObject({ kind: 'action', nodeType: 'test.echo', typeVersion: 2, activity: { retry: { maximumAttempts: 20 } } });
  });
});

describe('the plugins manifest', () => {
  const manifest = (plugins: unknown) => {
    const dir = mkdtempSync(join(tmpdir(), 'huitou-plugins-'));
    const file = join(dir, 'manifest.json');
    writeFileSync(file, JSON.stringify({ plugins }));
    return file;
  };

  it('loads the shipped manifest: the DingTalk robot', async () => {
    const loaded = await loadPlugins(join(projectRoot, 'plugins', 'manifest.json'), { required: true });
    expect(loaded.map((p) => [p.entry, p.definitions.map((d) => `${d.type}@${d.version}`)])).toEqual([['./dingtalk-robot/index.ts', ['dingtalk.robot@1']]]);
  });

  it('refuses what is not a plugin, naming the plugin and the reason', async () => {
    await expect(loadPlugins(join(fixtures, 'manifest-broken.json'))).rejects.toThrow(
      /plugin "\.\/not-an-action\.ts" .*: type "test\.broken": a plugin must be an action/,
    );
    await expect(loadPlugins(manifest([join(fixtures, 'nowhere.ts')]))).rejects.toThrow(/plugin ".*nowhere\.ts" .*: module .* does not exist/);
    await expect(loadPlugins(manifest(['left-pad']))).rejects.toThrow('plugin "left-pad"');
    await expect(loadPlugins(manifest([join(fixtures, 'echo-v1.ts'), join(fixtures, 'echo-v2.ts')]))).rejects.toThrow(
      /type "test\.echo" version 1 is also defined by plugin ".*echo-v1\.ts"/,
    );
    await expect(loadPlugins(manifest('nope'))).rejects.toThrow('is not valid: plugins:');
    await expect(loadPlugins('/nowhere/manifest.json', { required: true })).rejects.toThrow(
      'plugins manifest /nowhere/manifest.json does not exist (HUITOU_PLUGINS)',
    );
    expect(await loadPlugins('/nowhere/manifest.json')).toEqual([]);
  });

  it('refuses a plugin that reuses a built-in type', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'huitou-plugins-'));
    writeFileSync(
      join(dir, 'exit.ts'),
      `import { z } from 'zod';\nimport { defineAction } from '${join(projectRoot, 'engine', 'index.ts')}';\n` +
        `export default defineAction({ type: 'exit', version: 2, labels: { 'zh-CN': { title: 'x', description: 'x' }, en: { title: 'x', description: 'x' } }, config: z.object({}), run: async () => undefined });\n`,
    );
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ plugins: ['./exit.ts'] }));
    await expect(loadPlugins(join(dir, 'manifest.json'))).rejects.toThrow('plugin "./exit.ts"');
    await expect(loadPlugins(join(dir, 'manifest.json'))).rejects.toThrow('type "exit" is a built-in step type');
  });

  it('stops the start when HUITOU_PLUGINS names a broken plugin', async () => {
    const config = configFromEnv({ HUITOU_PLUGINS: join(fixtures, 'manifest-broken.json'), HUITOU_DATA_DIR: mkdtempSync(join(tmpdir(), 'huitou-')) });
    expect(config.plugins).toEqual({ manifest: join(fixtures, 'manifest-broken.json'), required: true });
    await expect(startHuitou(config)).rejects.toThrow('plugin "./not-an-action.ts"');
  });
});
