import { expect, it } from 'vitest';
import { createRegistry, validateJourney } from '../../engine/index';
import { located, paymentReminderDocument } from './fixtures';

it('reports missing_trigger at nodes, with no node to mark', () => {
  const doc = paymentReminderDocument();
  doc.nodes.splice(0, 1);
  doc.edges.splice(0, 1);
  const result = validateJourney(doc, createRegistry());
  expect(located(result.problems)).toEqual([{ code: 'missing_trigger', path: 'nodes', nodeId: undefined }]);
  expect(result.problems[0]).not.toHaveProperty('nodeId');
});
