// Lints what the compiler cannot see.
// 1. The architecture board: which folders and packages each folder may import, so dependencies
//    point one way (scripts/lib/eslint-architecture.mjs). No type information, so it is fast.
// 2. Workflow code must stay deterministic: no Node built-ins (the bundle would fail or, worse,
//    behave differently on replay) and no promise left floating (an unawaited activity or timer
//    would race the workflow's own steps).
import tseslint from 'typescript-eslint';
import { architecture } from './scripts/lib/eslint-architecture.mjs';

/**
 * The board. A file belongs to the most specific folder that holds it; it may import its own
 * folder, the folders in `imports`, and packages (all, or only `packages`, never `forbiddenPackages`).
 */
export const board = [
  {
    folder: 'engine',
    imports: [],
    // Pure: no Temporal, browser, database, HTTP or logging.
    forbiddenPackages: ['@temporalio/', 'react', 'react-dom', '@xyflow/', 'fastify', '@fastify/', 'kysely', 'pg', '@electric-sql/', 'pino', 'nodemailer'],
    why: 'is pure and imports no other folder of the project',
  },
  {
    folder: 'workflows',
    imports: ['engine'],
    packages: ['@temporalio/workflow', '@temporalio/common'],
    why: 'holds deterministic workflow code and its contracts: it imports only engine/ and the workflow SDK (activity implementations live in server/worker/)',
  },
  { folder: 'contract', imports: ['engine'], packages: ['zod'], why: 'is the wire contract of server and designer: it imports only engine/ and zod' },
  { folder: 'designer', imports: ['engine', 'contract'], why: 'runs in the browser: it imports only engine/ and contract/' },
  { folder: 'plugins', imports: ['engine'], why: 'extends the engine: a plugin imports only engine/' },
  { folder: 'server', imports: ['engine', 'workflows', 'contract'], why: 'imports engine/, workflows/ and contract/, never designer/' },
  {
    folder: 'server/db/migrations',
    imports: [],
    packages: ['kysely'],
    why: 'is frozen once released: a migration imports only kysely and other migrations, never live code whose change would change its effect',
  },
];

/** What `npm run lint` lints; tests, bench and scripts may import anything. */
const linted = ['engine/**/*.ts', 'workflows/**/*.ts', 'server/**/*.ts', 'designer/src/**/*.{ts,tsx}', 'contract/**/*.ts', 'plugins/**/*.ts'];

export default tseslint.config(
  { ignores: ['node_modules/', 'designer/dist/', 'test-artifacts/', '.huitou/', 'tmp/'] },
  {
    files: linted,
    extends: [tseslint.configs.base],
    plugins: { architecture },
    rules: { 'architecture/imports': ['error', { root: import.meta.dirname, zones: board }] },
  },
  {
    // Type-aware rules only here: type information for the whole tree would cost the lint most of
    // its time. The project service (not a fixed program) parses the text it is given, so a check
    // of text under a file's name sees that text, not the file on disk.
    files: ['workflows/**/*.ts', 'engine/**/*.ts'],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // The workflow bundle and everything it imports.
    files: ['workflows/**/*.ts', 'engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ regex: '^node:', message: 'workflow code must not use Node built-ins' }],
          paths: ['fs', 'path', 'os', 'crypto', 'child_process', 'net', 'http', 'https', 'timers', 'process'].map((name) => ({
            name,
            message: 'workflow code must not use Node built-ins',
          })),
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'workflow code must not read the process' },
        { name: 'setTimeout', message: 'use sleep() from @temporalio/workflow' },
      ],
    },
  },
);
