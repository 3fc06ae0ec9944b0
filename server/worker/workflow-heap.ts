import { setFlagsFromString } from 'node:v8';

/**
 * Runs `create` — which starts the Temporal SDK's workflow threads — with V8's old-space limit set
 * to `heapMb`, then puts the process's own setting back.
 *
 * Why: the SDK starts its workflow threads (node:worker_threads) without `resourceLimits`, so each
 * one takes V8's process-wide `--max-old-space-size`: the main thread's limit, unrelated to the
 * worker's budget. V8 reads that flag when an isolate is created, so setting it around the SDK's
 * thread creation gives the workflow thread the budget's heap, and nothing created later is touched.
 */
export async function withWorkflowThreadHeap<T>(heapMb: number, create: () => Promise<T>): Promise<T> {
  setFlagsFromString(`--max-old-space-size=${Math.floor(heapMb)}`);
  try {
    return await create();
  } finally {
    setFlagsFromString(`--max-old-space-size=${ownOldSpaceSizeMb()}`);
  }
}

/** The process's own `--max-old-space-size` (command line or NODE_OPTIONS); 0 lets V8 choose. */
function ownOldSpaceSizeMb(): number {
  const args = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  let mb = 0;
  for (const arg of args) {
    const match = /^--max[-_]old[-_]space[-_]size=(\d+)$/.exec(arg);
    if (match) mb = Number(match[1]);
  }
  return mb;
}
