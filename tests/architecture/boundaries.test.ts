import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/config';

/**
 * The architecture board (eslint.config.js) is enforced by lint: `npm run lint` passes on the
 * tree and covers every folder of the board, and in each folder an import the board forbids is
 * refused while the imports it allows pass — so the board cannot silently stop biting.
 *
 * Each case is linted as text under a file name inside its folder rather than written to disk:
 * suites run in parallel, and a forbidden file left in a folder would fail a lint of the tree.
 * The cases run the import rules alone, without type information (which they do not need and
 * which costs seconds); the tree is linted exactly as `npm run lint` does.
 */
describe('architecture board', () => {
  const eslint = new ESLint({ cwd: projectRoot });
  const importRules = new ESLint({
    cwd: projectRoot,
    overrideConfig: { languageOptions: { parserOptions: { project: null, projectService: false } } },
    ruleFilter: ({ ruleId }) => ruleId === 'architecture/imports' || ruleId === 'no-restricted-imports',
  });

  /** The problems of the board's rule in `source` linted as `file`, by line. */
  async function refusedLines(file: string, source: string): Promise<number[]> {
    const [result] = await importRules.lintText(source, { filePath: join(projectRoot, file) });
    // Anything else (a parse error, a file outside the linted folders) means the case proves nothing.
    const other = result!.messages.filter((m) => m.ruleId !== 'architecture/imports');
    expect(other, `${file}: only the board's rule should report`).toEqual([]);
    return result!.messages.filter((m) => m.ruleId === 'architecture/imports').map((m) => m.line);
  }

  /** Lines marked `// refused` must be reported, every other line must pass. */
  async function expectBoard(file: string, lines: string[]): Promise<void> {
    const expected = lines.flatMap((line, i) => (line.includes('// refused') ? [i + 1] : []));
    expect(await refusedLines(file, lines.join('\n'))).toEqual(expected);
  }

  it('engine/ imports no other folder of the project, nor runtime packages', async () => {
    await expectBoard('engine/boundary-case.ts', [
      "import { z } from 'zod';",
      "import type { RunState } from './interpreter/state';",
      "import type { Config } from '../server/config'; // refused",
      "import type { JourneyActivities } from '../workflows/activities'; // refused",
      "import type { Api } from '../contract/api'; // refused",
      "import type { App } from '../designer/src/App'; // refused",
      "import plugin from '../plugins/dingtalk-robot/index'; // refused",
      "import { sleep } from '@temporalio/workflow'; // refused",
      "import { sql } from 'kysely'; // refused",
      "export * from '../server/logger'; // refused",
      'export const x: unknown = [z, plugin, sleep, sql];',
    ]);
  });

  it('workflows/ imports only engine/ and the workflow SDK', async () => {
    await expectBoard('workflows/boundary-case.ts', [
      "import { defineSignal } from '@temporalio/workflow';",
      "import { ApplicationFailure } from '@temporalio/common';",
      "import { createRegistry } from '../engine/index';",
      "import type { StepTallyState } from './step-tally';",
      "import { enrolmentKeyPrefix } from '../server/coupons/coupon-service'; // refused",
      "import type { Customers } from '../server/store/customers'; // refused",
      "import type { Api } from '../contract/api'; // refused",
      "import type { App } from '../designer/src/App'; // refused",
      "import { Context } from '@temporalio/activity'; // refused",
      "import { Worker } from '@temporalio/worker'; // refused",
      "export type { Outbox } from '../server/store/outbox'; // refused",
      "export type Later = import('../server/runtime').Huitou; // refused",
      'export const x: unknown = [defineSignal, ApplicationFailure, createRegistry, enrolmentKeyPrefix, Context, Worker];',
    ]);
  });

  it('designer/ imports only engine/ and contract/', async () => {
    await expectBoard('designer/src/boundary-case.tsx', [
      "import { useState } from 'react';",
      "import { createRegistry } from '../../engine/index';",
      "import type { Api } from '../../contract/api';",
      "import { App } from './App';",
      "import type { AppContext } from '../../server/http/context'; // refused",
      "import { eventSignal } from '../../workflows/shared'; // refused",
      "import plugin from '../../plugins/dingtalk-robot/index'; // refused",
      "const lazy = () => import('../../server/runtime'); // refused",
      'export const x: unknown = [useState, createRegistry, App, eventSignal, plugin, lazy];',
    ]);
  });

  it('contract/ imports only engine/ and zod', async () => {
    await expectBoard('contract/boundary-case.ts', [
      "import { z } from 'zod';",
      "import { journeySchema } from '../engine/index';",
      "import { route } from './route';",
      "import type { AppContext } from '../server/http/context'; // refused",
      "import { eventSignal } from '../workflows/shared'; // refused",
      "import type { App } from '../designer/src/App'; // refused",
      "import type { FastifyInstance } from 'fastify'; // refused",
      "import { existsSync, readFileSync } from 'node:fs'; // refused",
      'export const x: unknown = [z, journeySchema, route, eventSignal, readFileSync];',
    ]);
  });

  it('plugins/ import only engine/', async () => {
    await expectBoard('plugins/boundary-case/index.ts', [
      "import { createHmac } from 'node:crypto';",
      "import { z } from 'zod';",
      "import { defineAction } from '../../engine/index';",
      "import { Outbox } from '../../server/messaging/outbox'; // refused",
      "import { eventSignal } from '../../workflows/shared'; // refused",
      "import type { App } from '../../designer/src/App'; // refused",
      'export const x: unknown = [createHmac, z, defineAction, Outbox, eventSignal];',
    ]);
  });

  it('server/ never imports designer/', async () => {
    await expectBoard('server/boundary-case.ts', [
      "import { createRegistry } from '../engine/index';",
      "import { eventSignal } from '../workflows/shared';",
      "import type { Api } from '../contract/api';",
      "import { openDatabase } from './db/database';",
      "import Fastify from 'fastify';",
      "import { App } from '../designer/src/App'; // refused",
      "import { messageLabels } from '../designer/src/i18n/messages'; // refused",
      'export const x: unknown = [createRegistry, eventSignal, openDatabase, Fastify, App, messageLabels];',
    ]);
  });

  it('a migration imports only kysely and other migrations', async () => {
    await expectBoard('server/db/migrations/0099-boundary-case.ts', [
      "import { sql, type Kysely } from 'kysely';",
      "import { up as earlier } from './0010-customer-inputs-function';",
      "import { customerFactsViewSql } from '../../facts/facts-view'; // refused",
      "import { rfmSegment } from '../../../engine/index'; // refused",
      "import type { Db } from '../database'; // refused",
      "import pg from 'pg'; // refused",
      'export const x: unknown = [sql, earlier, customerFactsViewSql, rfmSegment, pg];',
      'export type K = Kysely<unknown> | Db;',
    ]);
  });

  it('names folders that exist, so a folder moved away does not leave its files unguarded', async () => {
    const { board } = (await import(pathToFileURL(join(projectRoot, 'eslint.config.js')).href)) as { board: { folder: string }[] };
    expect(board.length).toBeGreaterThan(0);
    // contract/ is on the board before its first file, so the designer may import it from the start.
    const missing = board.map((zone) => zone.folder).filter((folder) => folder !== 'contract' && !existsSync(join(projectRoot, folder)));
    expect(missing).toEqual([]);
  });

  it('npm run lint lints every folder of the board and finds nothing', async () => {
    const script = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.lint!;
    const [command, ...targets] = script.split(/\s+/);
    expect(command).toBe('eslint');
    const results = await eslint.lintFiles(targets.filter((t) => !t.startsWith('-')));
    const problems = results.flatMap((r) => r.messages.map((m) => `${relative(projectRoot, r.filePath)}:${m.line} ${m.ruleId}: ${m.message}`));
    expect(problems).toEqual([]);
    // Every folder of the board that exists is linted, with the board's rule on.
    const linted = new Set(results.map((r) => relative(projectRoot, r.filePath).split('/')[0]));
    for (const folder of ['engine', 'workflows', 'server', 'designer', 'plugins']) expect(linted, folder).toContain(folder);
    const config = (await eslint.calculateConfigForFile(join(projectRoot, 'server/runtime.ts'))) as { rules: Record<string, unknown> };
    expect(config.rules['architecture/imports']).toBeDefined();
    // The type-aware part takes most of a minute on a machine busy with other suites.
  }, 300_000);
});
