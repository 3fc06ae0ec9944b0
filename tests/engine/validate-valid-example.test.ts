import { describe, expect, it } from 'vitest';
import { createRegistry, validateJourney } from '../../engine/index';
import { paymentReminder, paymentReminderDocument } from './fixtures';

describe('validateJourney: the valid example', () => {
  it('reports zero problems for the payment reminder, in both locales', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const result = validateJourney(paymentReminderDocument(), createRegistry(), locale);
      expect(result.problems).toEqual([]);
      expect(result.ok).toBe(true);
    }
  });

  it('returns the parsed journey with defaults applied', () => {
    const result = validateJourney(paymentReminderDocument(), createRegistry());
    expect(result.journey).toEqual(paymentReminder());
  });
});
