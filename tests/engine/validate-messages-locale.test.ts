import { describe, expect, it } from 'vitest';
import { createRegistry, problemMessage, validateJourney, type ProblemCode } from '../../engine/index';
import { paymentReminderDocument } from './fixtures';

const han = /[\u4e00-\u9fff]/;

/** The codes whose messages the engine writes itself (the others carry zod's messages). */
const engineCodes = [
  'duplicate_node_id',
  'unknown_node_type',
  'missing_trigger',
  'extra_trigger',
  'unknown_edge_node',
  'unknown_port',
  'duplicate_edge',
  'edge_into_trigger',
  'unconnected_port',
  'unreachable_node',
  'cycle_without_wait',
  'unknown_fact',
  'unknown_operator',
  'port_must_exit',
] as const satisfies readonly Exclude<ProblemCode, 'invalid' | 'invalid_config'>[];

describe('problem messages in zh-CN and en', () => {
  it('has a Chinese message for every engine code, different from the English one', () => {
    const params = { id: 'a', type: 't', node: 'n', port: 'p', nodes: 'a → b', fact: 'f', operator: 'o' };
    for (const code of engineCodes) {
      const zh = problemMessage('zh-CN', code, params);
      const en = problemMessage('en', code, params);
      expect(zh, code).toMatch(han);
      expect(en, code).not.toMatch(han);
      expect(zh, code).not.toBe(en);
    }
  });

  it('validateJourney answers in the requested locale with the same codes and paths', () => {
    const doc = paymentReminderDocument();
    doc.nodes[2]!.type = 'exit.party';
    doc.nodes.push({ id: 'orphan', type: 'exit', config: {} });
    doc.edges.push({ from: 'await-payment', port: 'cancelled', to: 'done' });
    const registry = createRegistry();
    const en = validateJourney(doc, registry, 'en').problems;
    const zh = validateJourney(doc, registry, 'zh-CN').problems;
    expect(zh.map((p) => [p.code, p.path, p.nodeId])).toEqual(en.map((p) => [p.code, p.path, p.nodeId]));
    expect(zh.map((p) => p.code)).toEqual(['unknown_node_type', 'unknown_port', 'unreachable_node']);
    zh.forEach((p, i) => {
      expect(p.message).toMatch(han);
      expect(p.message).not.toBe(en[i]?.message);
    });
    expect(zh[0]?.message).toBe('“exit.party”不是已知的步骤类型。');
  });

  it('defaults to English', () => {
    const doc = paymentReminderDocument();
    doc.nodes.push({ id: 'orphan', type: 'exit', config: {} });
    expect(validateJourney(doc, createRegistry()).problems[0]?.message).toBe(problemMessage('en', 'unreachable_node'));
  });
});
