import { expect, it } from 'vitest';
import { createRegistry, validateJourney } from '../../engine/index';
import { located, paymentReminderDocument } from './fixtures';

it('reports duplicate_edge at edges[j] when one output port is connected twice', () => {
  const doc = paymentReminderDocument();
  doc.edges.push({ from: 'high-value', port: 'yes', to: 'reminder-sms' });
  const result = validateJourney(doc, createRegistry());
  expect(located(result.problems)).toEqual([{ code: 'duplicate_edge', path: 'edges[7]', nodeId: 'high-value' }]);
});
