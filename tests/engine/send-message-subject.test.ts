import { describe, expect, it } from 'vitest';
import { createRegistry, validateJourney } from '../../engine/index';
import { paymentReminderDocument } from './fixtures';

// Found by the fuzz suite: a subject that does not parse passed validation, then its rendering
// threw ("Unclosed section") in the send and in a simulation.
describe('a message subject', () => {
  it('that does not parse is a problem at its path', () => {
    const doc = paymentReminderDocument();
    doc.nodes[4]!.config = { ...doc.nodes[4]!.config, subject: '{{#each}}' };
    const result = validateJourney(doc, createRegistry());
    expect(result.problems).toEqual([expect.objectContaining({ path: 'nodes[4].config.subject', code: 'invalid_config', nodeId: 'call-task' })]);
    expect(result.problems[0]!.message).toContain('the template does not parse');
  });

  it('that parses, or is empty, is fine', () => {
    for (const subject of ['电话催付 {{order.id}}', '']) {
      const doc = paymentReminderDocument();
      doc.nodes[4]!.config = { ...doc.nodes[4]!.config, subject };
      expect(validateJourney(doc, createRegistry()).problems).toEqual([]);
    }
  });
});
