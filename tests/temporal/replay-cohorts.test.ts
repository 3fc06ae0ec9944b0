import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { historiesDir, quietTemporalForTests } from './harness';

/**
 * Recorded cohort workflow histories (tests/temporal/histories/cohorts, made by
 * record-cohort-histories.ts) replayed on the current workflow bundle: a change to the cohort
 * workflow, the journey driver or a step that would break cohorts already running fails here.
 */
describe('replay of recorded cohort histories', () => {
  const dir = join(historiesDir, 'cohorts');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.journey.json'))
    .sort();
  beforeAll(() => quietTemporalForTests());

  it('has the recorded scenarios, each a cohort workflow', () => {
    expect(files).toEqual(['cohort-hand-off.json', 'cohort-paused-stopped.json', 'cohort-split-wait-exit.json']);
    for (const f of files) {
      const history = JSON.parse(readFileSync(join(dir, f), 'utf8'));
      expect(history.events[0].workflowExecutionStartedEventAttributes.workflowType.name).toBe('cohortWorkflow');
    }
  });

  it.each(files)('%s replays on the current code', async (file) => {
    const history = historyFromJSON(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    await expect(Worker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') } }, history, `replay-${file}`)).resolves.toBeUndefined();
  });
});
