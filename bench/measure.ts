/** Runs `fn` repeatedly for about `ms` milliseconds (after a warm-up); returns operations per second. */
export async function opsPerSecond(fn: () => unknown, ms = 1500): Promise<number> {
  const until = performance.now() + 200;
  while (performance.now() < until) await fn();
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    await fn();
    n++;
  }
  return (n / (performance.now() - start)) * 1000;
}

export const fmt = (opsPerSec: number) => `${Math.round(opsPerSec).toLocaleString('en')} ops/s`;
