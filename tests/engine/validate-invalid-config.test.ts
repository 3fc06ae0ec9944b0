import { describe, expect, it } from 'vitest';
import { createRegistry, validateJourney } from '../../engine/index';
import { located, paymentReminderDocument } from './fixtures';

const registry = createRegistry();

describe("validateJourney: invalid_config, checked against the node type's own schema", () => {
  it('refuses a wait whose duration is not a duration, at nodes[i].config.duration, with an example a marketer reads', () => {
    const doc = paymentReminderDocument();
    doc.nodes[2] = { id: 'paid', type: 'wait', config: { duration: 'soon' } };
    const result = validateJourney(doc, registry);
    expect(located(result.problems)).toEqual([{ code: 'invalid_config', path: 'nodes[2].config.duration', nodeId: 'paid' }]);
    expect(result.problems[0]?.message).toBe('duration: must be a duration such as 30 minutes (PT30M) or 3 days (P3D)');
  });

  it('refuses a message on channel "fax", at nodes[i].config.channel', () => {
    const doc = paymentReminderDocument();
    doc.nodes[5]!.config = { ...doc.nodes[5]!.config, channel: 'fax' };
    const result = validateJourney(doc, registry);
    expect(located(result.problems)).toEqual([{ code: 'invalid_config', path: 'nodes[5].config.channel', nodeId: 'reminder-sms' }]);
  });

  it('refuses a template Mustache cannot parse, at nodes[i].config.template', () => {
    const doc = paymentReminderDocument();
    doc.nodes[4]!.config = { ...doc.nodes[4]!.config, template: '{{#order}}您的订单{{order.id}}' };
    const result = validateJourney(doc, registry);
    expect(located(result.problems)).toEqual([{ code: 'invalid_config', path: 'nodes[4].config.template', nodeId: 'call-task' }]);
    expect(result.problems[0]?.message).toMatch(/the template does not parse: Unclosed section "order"/);
  });

  it('refuses a wait-for-event timeout in months, at nodes[i].config.timeout', () => {
    const doc = paymentReminderDocument();
    doc.nodes[1]!.config = { ...doc.nodes[1]!.config, timeout: 'P1M' };
    const result = validateJourney(doc, registry);
    expect(located(result.problems)).toEqual([{ code: 'invalid_config', path: 'nodes[1].config.timeout', nodeId: 'await-payment' }]);
  });
});
