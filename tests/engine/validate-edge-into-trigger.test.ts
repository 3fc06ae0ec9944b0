import { expect, it } from 'vitest';
import { createRegistry, validateJourney } from '../../engine/index';
import { located, paymentReminderDocument } from './fixtures';

it('reports edge_into_trigger at edges[j].to, marking the trigger', () => {
  const doc = paymentReminderDocument();
  // reminder-sms → trigger instead of → done (done stays reachable through call-task).
  doc.edges[6]!.to = 'trigger';
  const result = validateJourney(doc, createRegistry());
  expect(located(result.problems)).toEqual([{ code: 'edge_into_trigger', path: 'edges[6].to', nodeId: 'trigger' }]);
});
