import { expect, it } from 'vitest';
import { createRegistry, validateJourney } from '../../engine/index';
import { located, paymentReminderDocument } from './fixtures';

it('reports every problem of a journey in one pass', () => {
  const doc = paymentReminderDocument();
  doc.nodes[2]!.type = 'exit.party'; // unknown_node_type
  doc.nodes[3]!.config = { conditions: { all: [{ fact: 'evnt', operator: 'atLeast', value: 500 }] } }; // unknown_fact + unknown_operator
  doc.nodes.push({ id: 'orphan', type: 'exit', config: {} }); // unreachable_node
  doc.edges.splice(6, 1); // unconnected_port on reminder-sms
  doc.edges.push({ from: 'high-value', port: 'yes', to: 'done' }); // duplicate_edge
  const result = validateJourney(doc, createRegistry());
  expect(result.ok).toBe(false);
  expect(located(result.problems)).toEqual([
    { code: 'unknown_node_type', path: 'nodes[2].type', nodeId: 'paid' },
    { code: 'unknown_fact', path: 'nodes[3].config.conditions.all[0].fact', nodeId: 'high-value' },
    { code: 'unknown_operator', path: 'nodes[3].config.conditions.all[0].operator', nodeId: 'high-value' },
    { code: 'duplicate_edge', path: 'edges[6]', nodeId: 'high-value' },
    { code: 'unconnected_port', path: 'nodes[5]', nodeId: 'reminder-sms' },
    { code: 'unreachable_node', path: 'nodes[7]', nodeId: 'orphan' },
  ]);
});
