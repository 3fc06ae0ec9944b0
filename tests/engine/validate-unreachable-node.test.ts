import { expect, it } from 'vitest';
import { createRegistry, validateJourney } from '../../engine/index';
import { located, paymentReminderDocument } from './fixtures';

it('reports unreachable_node at nodes[i] for a step no path from the trigger reaches', () => {
  const doc = paymentReminderDocument();
  doc.nodes.push({ id: 'orphan', type: 'exit', config: {} });
  const result = validateJourney(doc, createRegistry());
  expect(located(result.problems)).toEqual([{ code: 'unreachable_node', path: 'nodes[7]', nodeId: 'orphan' }]);
});

it('counts a step reachable only from an unreachable one as unreachable too', () => {
  const doc = paymentReminderDocument();
  doc.nodes.push({ id: 'island', type: 'wait', config: { duration: 'PT1H' } }, { id: 'island-end', type: 'exit', config: {} });
  doc.edges.push({ from: 'island', port: 'next', to: 'island-end' });
  const result = validateJourney(doc, createRegistry());
  expect(located(result.problems)).toEqual([
    { code: 'unreachable_node', path: 'nodes[7]', nodeId: 'island' },
    { code: 'unreachable_node', path: 'nodes[8]', nodeId: 'island-end' },
  ]);
});
