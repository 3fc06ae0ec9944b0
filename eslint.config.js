// Lints what the compiler cannot see. Workflow code must stay deterministic: no Node built-ins
// (the bundle would fail or, worse, behave differently on replay) and no promise left floating
// (an unawaited activity or timer would race the workflow's own steps).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'designer/dist/', 'test-artifacts/', '.huitou/', 'tmp/'] },
  {
    files: ['workflows/**/*.ts', 'engine/**/*.ts'],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // The workflow bundle and everything it imports. worker.ts runs outside the bundle, in Node.
    files: ['workflows/**/*.ts', 'engine/**/*.ts'],
    ignores: ['workflows/worker.ts', 'workflows/activities.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^node:', message: 'workflow code must not use Node built-ins' }], paths: ['fs', 'path', 'os', 'crypto', 'child_process', 'net', 'http', 'https', 'timers', 'process'].map((name) => ({ name, message: 'workflow code must not use Node built-ins' })) },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'workflow code must not read the process' }, { name: 'setTimeout', message: 'use sleep() from @temporalio/workflow' }],
    },
  },
);
