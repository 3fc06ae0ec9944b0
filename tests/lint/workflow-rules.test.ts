import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/config';

/**
 * Workflow determinism rules, enforced by lint: they do bite. That the project passes them is
 * part of tests/architecture/boundaries.test.ts, which lints the tree as `npm run lint` does.
 */
describe('workflow lint rules', () => {
  const eslint = new ESLint({ cwd: projectRoot });

  it('refuses Node built-ins, timers and floating promises in workflow code', async () => {
    const bad = [
      "import { readFileSync } from 'node:fs';",
      "import { sleep } from '@temporalio/workflow';",
      'export async function journeyWorkflow(): Promise<void> {',
      "  readFileSync('x');",
      '  sleep(1000);',
      '  setTimeout(() => undefined, 5);',
      '}',
    ].join('\n');
    // Linted as if it were the workflow file, so the workflow rules and type information apply.
    const [result] = await eslint.lintText(bad, { filePath: `${projectRoot}/workflows/journey-workflow.ts` });
    const rules = result!.messages.map((m) => m.ruleId);
    expect(rules).toEqual(expect.arrayContaining(['no-restricted-imports', '@typescript-eslint/no-floating-promises', 'no-restricted-globals']));
  });
});
