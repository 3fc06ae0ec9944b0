import { describe, expect, it } from 'vitest';
import { durationSchema, durationToMs, isDuration } from '../../engine/index';

describe('ISO 8601 durations', () => {
  it('converts minutes, days, weeks and fractional hours to milliseconds', () => {
    expect(durationToMs('PT25M')).toBe(1_500_000);
    expect(durationToMs('P3D')).toBe(3 * 86_400_000);
    expect(durationToMs('P1W')).toBe(7 * 86_400_000);
    expect(durationToMs('PT1.5H')).toBe(5_400_000);
    expect(durationToMs('P1DT2H30M15S')).toBe(86_400_000 + 2 * 3_600_000 + 30 * 60_000 + 15_000);
  });

  it('refuses a negative duration', () => {
    expect(() => durationToMs('-PT25M')).toThrow(/negative/);
    expect(isDuration('-PT25M')).toBe(false);
  });

  it('refuses months and years, whose length depends on the calendar', () => {
    expect(() => durationToMs('P1M')).toThrow(/years and months/);
    expect(() => durationToMs('P1Y')).toThrow(/years and months/);
    expect(isDuration('P1M')).toBe(false);
    expect(isDuration('P1Y')).toBe(false);
  });

  it('refuses garbage', () => {
    for (const s of ['soon', '25 minutes', 'PT', '', '1500000']) {
      expect(() => durationToMs(s)).toThrow();
      expect(isDuration(s)).toBe(false);
    }
  });

  it('refuses a zero duration as a journey duration', () => {
    expect(isDuration('PT0S')).toBe(false);
    expect(isDuration('P0D')).toBe(false);
    expect(durationSchema.safeParse('PT0S').success).toBe(false);
  });

  it('durationSchema accepts positive durations and explains refusals', () => {
    expect(durationSchema.parse('PT25M')).toBe('PT25M');
    const refused = durationSchema.safeParse('P1M');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/must be a duration such as 30 minutes/);
  });
});
