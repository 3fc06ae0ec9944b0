import { expect, it } from 'vitest';
import { createRegistry, validateJourney } from '../../engine/index';
import { located, paymentReminderDocument } from './fixtures';

it('reports unknown_port at edges[j].port for a port the node type does not have', () => {
  const doc = paymentReminderDocument();
  doc.edges.push({ from: 'await-payment', port: 'cancelled', to: 'done' });
  const result = validateJourney(doc, createRegistry());
  expect(located(result.problems)).toEqual([{ code: 'unknown_port', path: 'edges[7].port', nodeId: 'await-payment' }]);
  expect(result.problems[0]?.message).toBe('Step "await-payment" has no output "cancelled".');
});
