import { expect, it } from 'vitest';
import { createRegistry, validateJourney } from '../../engine/index';
import { located, paymentReminderDocument } from './fixtures';

it('reports unconnected_port at nodes[i] for an output port without an edge', () => {
  const doc = paymentReminderDocument();
  // Drop reminder-sms → done; done stays reachable through call-task.
  doc.edges.splice(6, 1);
  const result = validateJourney(doc, createRegistry());
  expect(located(result.problems)).toEqual([{ code: 'unconnected_port', path: 'nodes[5]', nodeId: 'reminder-sms' }]);
  expect(result.problems[0]?.message).toContain('"next"');
});

it('reports each unconnected port of a node separately', () => {
  const doc = paymentReminderDocument();
  doc.edges = doc.edges.filter((e) => e.from !== 'high-value');
  const result = validateJourney(doc, createRegistry());
  const unconnected = result.problems.filter((p) => p.code === 'unconnected_port');
  expect(located(unconnected)).toEqual([
    { code: 'unconnected_port', path: 'nodes[3]', nodeId: 'high-value' },
    { code: 'unconnected_port', path: 'nodes[3]', nodeId: 'high-value' },
  ]);
  expect(unconnected.map((p) => p.message)).toEqual([expect.stringContaining('"yes"'), expect.stringContaining('"no"')]);
});
