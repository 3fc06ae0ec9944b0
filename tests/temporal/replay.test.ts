import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HistoryAndWorkflowId } from '@temporalio/client';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, Worker, type ReplayWorkerOptions } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { historiesDir, historyWorkflowId, quietTemporalForTests } from './harness';

/**
 * Recorded journey workflow histories (tests/temporal/histories, made by record-histories.ts)
 * replayed on the current workflow code: a change to the workflow, the interpreter or a node's
 * behaviour that would break customers already waiting in production fails here.
 */
describe('replay of recorded journey histories', () => {
  const files = readdirSync(historiesDir)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.journey.json'))
    .sort();
  const load = (file: string): HistoryAndWorkflowId => ({
    workflowId: historyWorkflowId(basename(file, '.json')),
    history: historyFromJSON(JSON.parse(readFileSync(join(historiesDir, file), 'utf8'))),
  });

  async function replay(options: ReplayWorkerOptions, histories: HistoryAndWorkflowId[]) {
    const outcome: { workflowId: string; error?: string }[] = [];
    const errors: unknown[] = [];
    for await (const r of Worker.runReplayHistories(options, histories)) {
      outcome.push({ workflowId: r.workflowId, ...(r.error ? { error: `${r.error.name}: ${r.error.message}` } : {}) });
      errors.push(r.error);
    }
    return { outcome, errors };
  }

  beforeAll(() => quietTemporalForTests());

  it('has the recorded scenarios', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'paid-in-time.json',
        'three-day-wait.json',
        'unpaid-large.json',
        'unpaid-small.json',
        'wait-window.json',
        'wait-until.json',
        'wait-date.json',
        'wait-date-missing.json',
        'split-multi.json',
        'split-random.json',
      ]),
    );
  });

  it('replays every recorded history on the current workflow code without error', async () => {
    const histories = files.map(load);
    const { outcome } = await replay({ workflowBundle: { codePath: inject('workflowBundlePath') }, replayName: 'recorded-histories' }, histories);
    expect(outcome).toEqual(histories.map((h) => ({ workflowId: h.workflowId })));
  });

  it('reports a determinism violation when the workflow code no longer matches a history', async () => {
    const changed = await bundleWorkflowCode({
      workflowsPath: fileURLToPath(new URL('./fixtures/changed-journey-workflow.ts', import.meta.url)),
      logger: { trace() {}, debug() {}, info() {}, log() {}, warn() {}, error: console.error },
    });
    const { outcome, errors } = await replay({ workflowBundle: changed, replayName: 'changed-workflow' }, [load('unpaid-small.json')]);
    expect(outcome).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(DeterminismViolationError);
    expect(outcome[0]!.error).toMatch(/loadCustomer|runAction/);
  });
});
