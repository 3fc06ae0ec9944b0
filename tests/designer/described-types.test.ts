import { describe, expect, it } from 'vitest';
import { createRegistry, validateJourney, type NodeDefinition } from '../../engine/index';
import { formSchema, formUiSchema } from '../../designer/src/editor/schemaForm';
import { registerDescribed } from '../../designer/src/model/described-types';
import dingTalkRobot from '../../plugins/dingtalk-robot/index';
import { pluginJourney } from '../plugins/journeys';

/**
 * The designer's browser registry knows only built-ins; plugin steps come from the server's
 * descriptions (JSON). These tests feed it the description the server gives for the DingTalk
 * plugin and check that the browser validates it as the server does where JSON Schema reaches.
 */
describe('plugin node types in the designer', () => {
  const server = createRegistry([dingTalkRobot as NodeDefinition]);
  const descriptions = JSON.parse(JSON.stringify(server.describe())) as ReturnType<typeof server.describe>;

  it('adds described plugin actions once, leaving built-ins to the compiled engine', () => {
    const browser = createRegistry();
    expect(registerDescribed(browser, descriptions)).toEqual(['dingtalk.robot']);
    expect(registerDescribed(browser, descriptions)).toEqual([]);
    expect(browser.get('dingtalk.robot')).toMatchObject({ version: 1, category: 'action', icon: '🤖' });
  });

  it('validates a plugin step: a good config passes, a missing or malformed field is reported at its path', () => {
    const browser = createRegistry();
    registerDescribed(browser, descriptions);
    const journey = pluginJourney('dingtalk.robot');
    const step = journey.nodes.find((n) => n.id === 'plugin-step')!;

    step.config = { webhook: 'https://oapi.dingtalk.com/robot/send?access_token=abc', msgtype: 'text', content: 'hi', atAll: false };
    expect(validateJourney(journey, browser).problems).toEqual([]);
    expect(validateJourney(journey, server).problems).toEqual([]);

    step.config = { msgtype: 'fax', content: 'hi' };
    const problems = validateJourney(journey, browser).problems;
    expect(problems.map((p) => [p.path, p.code, p.nodeId])).toEqual([
      ['nodes[1].config.webhook', 'invalid_config', 'plugin-step'],
      ['nodes[1].config.msgtype', 'invalid_config', 'plugin-step'],
    ]);
    expect(problems[0]!.message).toBe('webhook: is required');
    // The server finds the same fields wrong.
    expect(validateJourney(journey, server).problems.map((p) => p.path)).toEqual(['nodes[1].config.webhook', 'nodes[1].config.msgtype']);
  });

  it('checks the graph around a plugin step like any other: its next port must be connected', () => {
    const browser = createRegistry();
    registerDescribed(browser, descriptions);
    const journey = pluginJourney('dingtalk.robot');
    journey.nodes.find((n) => n.id === 'plugin-step')!.config = { webhook: 'https://oapi.dingtalk.com/robot/send?access_token=abc' };
    journey.edges = journey.edges.filter((e) => e.from !== 'plugin-step');
    expect(validateJourney(journey, browser).problems.map((p) => p.code)).toEqual(['unconnected_port', 'unreachable_node']);
  });

  it('labels a plugin form in the designer language from the texts the plugin carries', () => {
    const robot = descriptions.find((d) => d.type === 'dingtalk.robot')!;
    const schema = formSchema(robot.configSchema);
    const zh = formUiSchema(schema, 'zh-CN');
    expect(zh.webhook).toMatchObject({ 'ui:title': 'Webhook 地址', 'ui:description': '机器人的 Webhook 地址（含 access_token）' });
    expect(zh.title['ui:title']).toBe('标题（Markdown）');
    expect(zh.msgtype['ui:enumNames']).toEqual(['文本', 'Markdown']);
    // In English the schema's own titles stand (rjsf shows them without a ui:title).
    expect(formUiSchema(schema, 'en').webhook['ui:title']).toBeUndefined();
    expect((schema.properties!.webhook as { title?: string }).title).toBe('Webhook');
  });
});
