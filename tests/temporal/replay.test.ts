import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HistoryAndWorkflowId } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, Worker, type ReplayWorkerOptions } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createRegistry, type Journey } from '../../engine/index';
import type { JourneyWorkflowInput } from '../../workflows/shared';
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
        'customer-changes.json',
        'coupon-issue.json',
        'webhook-post.json',
        'trigger-date.json',
        'trigger-festival.json',
        'trigger-broadcast.json',
        'exit-when-paid.json',
        'exit-when-cancelled.json',
        'stopped-mid-wait.json',
        'quiet-hours-held.json',
        // With the step log (patched('step-log')): the steps reported by local activity.
        'unpaid-small-step-log.json',
        'paid-in-time-step-log.json',
        'stopped-mid-wait-step-log.json',
        'quiet-hours-held-step-log.json',
      ]),
    );
  });

  /** The journey a history ran, from its workflow's start input. */
  const journeyOf = (file: string): Journey => {
    const history = historyFromJSON(JSON.parse(readFileSync(join(historiesDir, file), 'utf8')));
    const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
    const payload = started?.input?.payloads?.[0];
    if (!payload) throw new Error(`${file} does not start with the workflow's input`);
    return defaultPayloadConverter.fromPayload<JourneyWorkflowInput>(payload).journey;
  };

  it('has a recorded history for every built-in node type, so a new node type needs one', () => {
    const covered = new Set(files.flatMap((f) => journeyOf(f).nodes.map((n) => n.type)));
    const builtin = new Set(
      createRegistry()
        .list()
        .map((d) => d.type),
    );
    const missing = [...builtin].filter((type) => !covered.has(type));
    // Record one with tests/temporal/record-histories.ts (see histories/README.md).
    expect(missing).toEqual([]);
  });

  it('keeps each *.journey.json the journey its history ran', () => {
    const journeyFiles = readdirSync(historiesDir).filter((f) => f.endsWith('.journey.json'));
    expect(journeyFiles.length).toBeGreaterThan(0);
    for (const jf of journeyFiles) {
      const stem = basename(jf, '.journey.json');
      const history = files.find((f) => f === `${stem}.json`);
      expect(history, `${jf} has no history ${stem}.json`).toBeDefined();
      expect(journeyOf(history!), jf).toEqual(JSON.parse(readFileSync(join(historiesDir, jf), 'utf8')));
    }
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
