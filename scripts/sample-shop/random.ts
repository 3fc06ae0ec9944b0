/**
 * Seeded randomness for the sample shop: the same seed gives the same shop on every machine.
 * sfc32 (a small, fast, well-tested generator) seeded through a 32-bit mix of (seed, stream, index),
 * so any customer or product can be drawn on its own without drawing the ones before it.
 */
export type Random = () => number;

function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export function random(seed: number, stream: number, index = 0): Random {
  let a = mix(seed ^ 0x9e3779b9);
  let b = mix(a ^ Math.imul(stream + 1, 0x7f4a7c15));
  let c = mix(b ^ Math.imul(index + 1, 0x27d4eb2f));
  let d = mix(c ^ 0x165667b1);
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4_294_967_296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

export const int = (r: Random, min: number, max: number) => min + Math.floor(r() * (max - min + 1));
export const pick = <T>(r: Random, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;

/** Picks by weight: `[[value, weight], …]`. */
export function weighted<T>(r: Random, table: readonly (readonly [T, number])[]): T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [value, w] of table) {
    x -= w;
    if (x < 0) return value;
  }
  return table[table.length - 1]![0];
}

/** An exponential variate with the given mean. */
export const exponential = (r: Random, mean: number) => -Math.log(1 - r()) * mean;
