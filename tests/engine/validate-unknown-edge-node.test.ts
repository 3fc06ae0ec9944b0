import { expect, it } from 'vitest';
import { createRegistry, validateJourney } from '../../engine/index';
import { located, paymentReminderDocument } from './fixtures';

it('reports unknown_edge_node at edges[j].to and edges[j].from, naming the step at each end', () => {
  const doc = paymentReminderDocument();
  doc.edges[6]!.to = 'ghost';
  doc.edges.push({ from: 'phantom', port: 'next', to: 'done' });
  doc.edges.push({ from: 'nowhere', port: 'next', to: 'nothing' });
  const result = validateJourney(doc, createRegistry());
  expect(located(result.problems).filter((p) => p.code === 'unknown_edge_node')).toEqual([
    // The problem belongs to the step that exists, so the designer marks it.
    { code: 'unknown_edge_node', path: 'edges[6].to', nodeId: 'reminder-sms' },
    { code: 'unknown_edge_node', path: 'edges[7].from', nodeId: 'done' },
    { code: 'unknown_edge_node', path: 'edges[8].from', nodeId: undefined },
    { code: 'unknown_edge_node', path: 'edges[8].to', nodeId: undefined },
  ]);
  const messages = result.problems.filter((p) => p.code === 'unknown_edge_node').map((p) => p.message);
  expect(messages[0]).toBe('The connection from the "next" output of step "reminder-sms" points to a step "ghost" that does not exist.');
  expect(messages[1]).toBe('The connection into step "done" comes from a step "phantom" that does not exist.');
  expect(messages[2]).toContain('"nowhere"');
  expect(messages[3]).toContain('"nothing"');
});

it('names the steps in Chinese too', () => {
  const doc = paymentReminderDocument();
  doc.edges[6]!.to = 'ghost';
  const result = validateJourney(doc, createRegistry(), 'zh-CN');
  expect(result.problems.find((p) => p.code === 'unknown_edge_node')?.message).toBe('步骤“reminder-sms”的“next”出口连向不存在的步骤“ghost”。');
});
