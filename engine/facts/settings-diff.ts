/**
 * The dotted paths at which two settings documents differ (`tiers.1.minSpend`, `messaging.quietHours`),
 * down to the leaves; arrays compare item by item, and a path present on one side only counts as
 * changed. Empty when the two are equal, which is how a no-op write is told apart.
 */
export function changedPaths(before: unknown, after: unknown, prefix = ''): string[] {
  if (Object.is(before, after)) return [];
  const bothArrays = Array.isArray(before) && Array.isArray(after);
  const bothObjects = isPlainObject(before) && isPlainObject(after);
  if (!bothArrays && !bothObjects) return [prefix || '(settings)'];
  const keys = bothArrays
    ? Array.from({ length: Math.max((before as unknown[]).length, (after as unknown[]).length) }, (_, i) => String(i))
    : [...new Set([...Object.keys(before as object), ...Object.keys(after as object)])].sort();
  const at = (v: unknown, k: string) => (v as Record<string, unknown>)[k];
  return keys.flatMap((k) => changedPaths(at(before, k), at(after, k), prefix ? `${prefix}.${k}` : k));
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The sections whose change moves customers (stage, tier, RFM segment or rule tags): saving them is previewed first. */
export const movingSections = ['tiers', 'lifecycle', 'rfm', 'tagRules'] as const;

/** Whether a change at these paths may move customers; other changes (quiet hours, caps, signature) do not. */
export function movesCustomers(paths: readonly string[]): boolean {
  return paths.some((p) => movingSections.some((s) => p === s || p.startsWith(`${s}.`)) && !/^tiers\.\d+\.name$/.test(p));
}
