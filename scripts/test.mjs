// `npm test`: from a fresh clone, installs what is missing, builds the designer, starts a throwaway
// PostgreSQL, and runs every suite against real parts (Temporal binaries are found or installed
// by the suites' global setup). Ends with one line: `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDependencies, ensureDesignerBuilt, root } from './lib/prepare.mjs';
import { startTestPostgres } from './lib/test-postgres.mjs';

ensureDependencies();
ensureDesignerBuilt();
const postgres = await startTestPostgres();
const report = join(root, 'test-artifacts', 'vitest-report.json');
rmSync(report, { force: true });
let status;
try {
  const result = spawnSync(join(root, 'node_modules', '.bin', 'vitest'), ['run', ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, HUITOU_TEST_DATABASE_URL: postgres.url },
  });
  status = result.status ?? 1;
} finally {
  postgres.stop();
}
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = r.numPendingTests + r.numTodoTests;
  // A suite that failed to load has no failed tests but still failed.
  const failed = r.numFailedTests + (r.numFailedTestSuites > 0 && r.numFailedTests === 0 ? r.numFailedTestSuites : 0);
  console.log(`${r.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
} else {
  console.log('0 passed, 1 failed');
}
process.exit(status);
