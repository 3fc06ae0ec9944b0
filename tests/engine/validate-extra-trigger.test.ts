import { expect, it } from 'vitest';
import { createRegistry, validateJourney } from '../../engine/index';
import { located, paymentReminderDocument } from './fixtures';

it('reports extra_trigger on every trigger after the first', () => {
  const doc = paymentReminderDocument();
  doc.nodes.push({ id: 'second-trigger', type: 'trigger.event', config: { eventType: 'order.created' } });
  doc.edges.push({ from: 'second-trigger', port: 'next', to: 'await-payment' });
  const result = validateJourney(doc, createRegistry());
  expect(located(result.problems)).toEqual([
    { code: 'extra_trigger', path: 'nodes[7]', nodeId: 'second-trigger' },
    // Customers enter at the first trigger only, so nothing reaches the second.
    { code: 'unreachable_node', path: 'nodes[7]', nodeId: 'second-trigger' },
  ]);
});
