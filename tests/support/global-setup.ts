import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { TestProject } from 'vitest/node';
import { projectRoot } from '../../server/config';
import { serverExecutable } from '../../server/temporal/binaries';
import { bundleJourneyWorkflows } from '../../server/worker/journey-worker';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    workflowBundlePath: string;
  }
}

/**
 * One real Temporal dev server and one workflow bundle for the whole run; suites share them and
 * keep apart by task queue and workflow id.
 */
export default async function setup(project: TestProject) {
  const cacheDir = join(projectRoot, '.huitou', 'bin');
  const env = await TestWorkflowEnvironment.createLocal({
    server: { executable: serverExecutable('cli', { cacheDir, log: (m) => console.log(m) }), ip: '127.0.0.1', log: { format: 'pretty', level: 'error' } },
  });
  const bundle = await bundleJourneyWorkflows();
  const dir = join(projectRoot, 'test-artifacts');
  mkdirSync(dir, { recursive: true });
  const workflowBundlePath = join(dir, 'workflow-bundle.js');
  writeFileSync(workflowBundlePath, bundle.code);
  project.provide('temporalAddress', env.address);
  project.provide('workflowBundlePath', workflowBundlePath);
  return async () => {
    await env.teardown();
  };
}
