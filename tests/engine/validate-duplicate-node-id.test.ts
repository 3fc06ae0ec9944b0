import { expect, it } from 'vitest';
import { createRegistry, validateJourney } from '../../engine/index';
import { located, paymentReminderDocument } from './fixtures';

it('reports duplicate_node_id on the second node using an id', () => {
  const doc = paymentReminderDocument();
  doc.nodes.push({ id: 'paid', type: 'exit', config: {} });
  const result = validateJourney(doc, createRegistry());
  expect(result.ok).toBe(false);
  expect(located(result.problems)).toEqual([{ code: 'duplicate_node_id', path: 'nodes[7].id', nodeId: 'paid' }]);
  expect(result.problems[0]?.message).toContain('"paid"');
});
