import { describe, expect, it } from 'vitest';
import { JOURNEY_SCHEMA_VERSION, journeySchema } from '../../engine/index';
import { journeyDocument, paymentReminderDocument } from './fixtures';

describe('journeySchema: parsing and defaults', () => {
  it('parses the shipped payment-reminder example unchanged', () => {
    const doc = paymentReminderDocument();
    const parsed = journeySchema.safeParse(doc);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual(doc);
    expect(parsed.data?.nodes.map((n) => n.id)).toEqual(['trigger', 'await-payment', 'paid', 'high-value', 'call-task', 'reminder-sms', 'done']);
    expect(parsed.data?.edges).toHaveLength(7);
  });

  it('fills status draft, version 0, schemaVersion, settings and layout when absent', () => {
    const journey = journeySchema.parse(journeyDocument([{ id: 'start', type: 'trigger.event' }], []));
    expect(journey.status).toBe('draft');
    expect(journey.version).toBe(0);
    expect(journey.schemaVersion).toBe(JOURNEY_SCHEMA_VERSION);
    expect(journey.settings).toEqual({ timezone: 'Asia/Shanghai', reEntry: 'never', priority: 5, exitWhen: [] });
    expect(journey.layout).toEqual({ positions: {} });
  });

  it('fills an absent node config with {} and absent edges with []', () => {
    const journey = journeySchema.parse({ id: 'j', name: 'J', nodes: [{ id: 'start', type: 'trigger.event' }] });
    expect(journey.nodes[0]?.config).toEqual({});
    expect(journey.edges).toEqual([]);
  });

  it('fills a partial settings object field by field', () => {
    const journey = journeySchema.parse({ ...journeyDocument([], []), settings: { reEntry: 'after-exit' } });
    expect(journey.settings).toEqual({ timezone: 'Asia/Shanghai', reEntry: 'after-exit', priority: 5, exitWhen: [] });
  });

  it('keeps given values over defaults and trims the name', () => {
    const journey = journeySchema.parse({ ...journeyDocument([], []), name: '  催付  ', status: 'live', version: 3 });
    expect(journey.name).toBe('催付');
    expect(journey.status).toBe('live');
    expect(journey.version).toBe(3);
  });
});
