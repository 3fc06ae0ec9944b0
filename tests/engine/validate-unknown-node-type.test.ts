import { expect, it } from 'vitest';
import { createRegistry, validateJourney } from '../../engine/index';
import { located, paymentReminderDocument } from './fixtures';

it('reports unknown_node_type at nodes[i].type', () => {
  const doc = paymentReminderDocument();
  doc.nodes[2]!.type = 'exit.party';
  const result = validateJourney(doc, createRegistry());
  expect(located(result.problems)).toEqual([{ code: 'unknown_node_type', path: 'nodes[2].type', nodeId: 'paid' }]);
  expect(result.problems[0]?.message).toContain('"exit.party"');
});
