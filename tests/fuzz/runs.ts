import fc from 'fast-check';

/**
 * How many generated cases each property gets. HUITOU_FUZZ_CASES is the total over the whole
 * suite (2,000 in `npm test`, 100,000 in `npm run fuzz`); each property takes its share, the
 * shares add up to exactly the total. Engine properties are cheap, API ones make requests.
 */
export const FUZZ_SHARES = {
  'engine: journey documents': 0.2,
  'engine: simulations': 0.15,
  'engine: conditions': 0.12,
  'engine: events': 0.12,
  'engine: CSV rows': 0.11,
  'api: journey documents': 0.07,
  'api: simulations': 0.05,
  'api: events': 0.06,
  'api: CSV imports': 0.04,
  'api: query strings': 0.08,
} as const;
export type FuzzProperty = keyof typeof FUZZ_SHARES;

export const FUZZ_TOTAL = Number(process.env.HUITOU_FUZZ_CASES ?? 2000);

/** Each property's number of runs: floor of its share, the remainder to the largest shares first. */
export function fuzzRuns(total = FUZZ_TOTAL): Record<FuzzProperty, number> {
  const names = Object.keys(FUZZ_SHARES) as FuzzProperty[];
  const runs = Object.fromEntries(names.map((n) => [n, Math.floor(total * FUZZ_SHARES[n])])) as Record<FuzzProperty, number>;
  let left = total - names.reduce((sum, n) => sum + runs[n], 0);
  for (const n of [...names].sort((a, b) => FUZZ_SHARES[b] - FUZZ_SHARES[a])) {
    if (left-- <= 0) break;
    runs[n] += 1;
  }
  return runs;
}

/**
 * fast-check parameters for one property. A failure prints its seed and path; HUITOU_FUZZ_SEED
 * replays a run.
 */
export function fuzzParameters(property: FuzzProperty): fc.Parameters<unknown> {
  const seed = process.env.HUITOU_FUZZ_SEED;
  return { numRuns: fuzzRuns()[property], ...(seed ? { seed: Number(seed) } : {}), endOnFailure: true };
}

/** A property's time limit: generous per case, so `npm run fuzz` is not cut short by the default. */
export function fuzzTimeout(property: FuzzProperty): number {
  return 120_000 + fuzzRuns()[property] * (property.startsWith('api') ? 250 : 50);
}
