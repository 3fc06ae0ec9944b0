import { describe, expect, it } from 'vitest';
import { createRegistry, journeySchema, validateJourney } from '../../engine/index';
import { journeyDocument, paymentReminderDocument } from './fixtures';

const registry = createRegistry();

/**
 * The formatted paths of the schema problems validateJourney reports for `doc`, each once (an
 * empty id breaks two rules of the same field).
 */
function invalidPaths(doc: unknown): string[] {
  const result = validateJourney(doc, registry);
  expect(result.ok).toBe(false);
  for (const p of result.problems) expect(p.code).toBe('invalid');
  return [...new Set(result.problems.map((p) => p.path))];
}

describe('journeySchema: malformed documents are refused with the path of each fault', () => {
  it('refuses a journey id with characters outside letters, digits, - and _', () => {
    expect(invalidPaths({ ...paymentReminderDocument(), id: 'payment reminder!' })).toEqual(['id']);
  });

  it('refuses an empty journey id and one longer than 100 characters', () => {
    expect(invalidPaths({ ...paymentReminderDocument(), id: '' })).toEqual(['id']);
    expect(validateJourney({ ...paymentReminderDocument(), id: '' }, registry).problems.map((p) => p.message)).toContain('id: is required');
    expect(invalidPaths({ ...paymentReminderDocument(), id: 'x'.repeat(101) })).toEqual(['id']);
  });

  it('refuses a bad node id at nodes[i].id', () => {
    const doc = paymentReminderDocument();
    doc.nodes[2]!.id = 'paid/ok';
    expect(invalidPaths(doc)).toEqual(['nodes[2].id']);
  });

  it('refuses an empty or blank name', () => {
    expect(invalidPaths({ ...paymentReminderDocument(), name: '' })).toEqual(['name']);
    expect(invalidPaths({ ...paymentReminderDocument(), name: '   ' })).toEqual(['name']);
  });

  it('refuses an edge without a port, with a numeric end and with a bad id', () => {
    const doc = journeyDocument([{ id: 'start', type: 'trigger.event' }], []);
    const edges = [
      { from: 'start', to: 'end' },
      { from: 'start', port: 'next', to: 7 },
      { from: 'st art', port: 'next', to: 'end' },
    ];
    expect(invalidPaths({ ...doc, edges })).toEqual(['edges[0].port', 'edges[1].to', 'edges[2].from']);
  });

  it('refuses edges that are not an array and a node without a type', () => {
    expect(invalidPaths({ ...journeyDocument([], []), edges: { from: 'a', port: 'next', to: 'b' } })).toEqual(['edges']);
    expect(invalidPaths({ ...journeyDocument([], []), nodes: [{ id: 'a' }] })).toEqual(['nodes[0].type']);
  });

  it('reports every schema fault at once, with field-named messages', () => {
    const result = validateJourney({ id: 'bad id', name: '', nodes: [{ id: 'a.b', type: 'exit' }] }, registry);
    expect(result.problems.map((p) => p.path)).toEqual(['id', 'name', 'nodes[0].id']);
    expect(result.problems[1]?.message).toMatch(/^name: /);
  });

  it('exposes the same faults as zod issue paths on journeySchema itself', () => {
    const parsed = journeySchema.safeParse({ ...paymentReminderDocument(), edges: [{ from: 'trigger', port: '', to: 'done' }] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path)).toEqual([['edges', 0, 'port']]);
  });
});
