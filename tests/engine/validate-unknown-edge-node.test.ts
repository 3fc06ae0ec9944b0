import { expect, it } from 'vitest';
import { createRegistry, validateJourney } from '../../engine/index';
import { located, paymentReminderDocument } from './fixtures';

it('reports unknown_edge_node at edges[j].to and edges[j].from', () => {
  const doc = paymentReminderDocument();
  doc.edges[6]!.to = 'ghost';
  doc.edges.push({ from: 'phantom', port: 'next', to: 'done' });
  const result = validateJourney(doc, createRegistry());
  expect(located(result.problems)).toEqual([
    { code: 'unknown_edge_node', path: 'edges[6].to', nodeId: undefined },
    { code: 'unknown_edge_node', path: 'edges[7].from', nodeId: undefined },
  ]);
  expect(result.problems[0]?.message).toContain('"ghost"');
  expect(result.problems[1]?.message).toContain('"phantom"');
});
