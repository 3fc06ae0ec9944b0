import { describe, expect, it } from 'vitest';
import { FUZZ_SHARES, fuzzRuns } from './runs';

describe('the fuzz case count', () => {
  it('the properties share exactly the total asked for', () => {
    for (const total of [2000, 100_000, 7, 1]) {
      const runs = Object.values(fuzzRuns(total));
      expect(runs.reduce((a, b) => a + b, 0)).toBe(total);
    }
    expect(fuzzRuns(2000)['engine: journey documents']).toBe(400);
    expect(Object.values(FUZZ_SHARES).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });
});
