import { z } from 'zod';

/**
 * A number in [0, 1) fixed by `key`: FNV-1a over its UTF-16 code units, then murmur3's finaliser
 * so that ids differing in their last character (c-1, c-2, …) spread over the whole range. Pure
 * and deterministic: a Temporal workflow replays it, the simulator agrees with production.
 */
export function stableUnit(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 32;
}

/** The arm a unit value falls into when arms take shares of [0, 1) in proportion to their weights. */
export function pickWeighted<T extends { weight: number }>(arms: readonly T[], unit: number): T {
  const total = arms.reduce((sum, a) => sum + a.weight, 0);
  let edge = 0;
  for (const arm of arms) {
    edge += arm.weight / total;
    if (unit < edge) return arm;
  }
  // Rounding can leave the top sliver unclaimed; it belongs to the last arm with any weight.
  return [...arms].reverse().find((a) => a.weight > 0) ?? arms[arms.length - 1]!;
}

/** Reserved port names a branch or arm key may not take. */
const reserved = new Set(['else', 'holdout']);

/** A port key chosen by the marketer: short, lower-case, not a reserved port. */
export const portKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,31}$/, 'a key is a lower-case letter then letters, digits, - or _ (at most 32)')
  .refine((k) => !reserved.has(k), 'else and holdout are reserved; choose another key');

/** Problems for keys used twice, pointed at the second use. */
export function duplicateKeys(items: readonly { key: string }[], ctx: z.RefinementCtx, field: string): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.key)) ctx.addIssue({ code: 'custom', message: `the key "${item.key}" is used twice; keys must differ`, path: [field, i, 'key'] });
    seen.add(item.key);
  });
}
