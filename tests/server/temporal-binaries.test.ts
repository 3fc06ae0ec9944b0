import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findTemporalBinary, serverExecutable, temporalBinaries } from '../../server/temporal/binaries';

/** Discovery order: env var, PATH, project cache, pip into the cache, then the SDK's download. */
describe('Temporal binary discovery', () => {
  let dir: string;
  const saved = { PATH: process.env.PATH, TEMPORAL_CLI_PATH: process.env.TEMPORAL_CLI_PATH };
  const executable = (path: string) => {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, '#!/bin/sh\n');
    chmodSync(path, 0o755);
    return path;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'huitou-bin-'));
    delete process.env.TEMPORAL_CLI_PATH;
    process.env.PATH = join(dir, 'empty-path');
  });
  afterEach(() => {
    process.env.PATH = saved.PATH;
    if (saved.TEMPORAL_CLI_PATH === undefined) delete process.env.TEMPORAL_CLI_PATH;
    else process.env.TEMPORAL_CLI_PATH = saved.TEMPORAL_CLI_PATH;
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes TEMPORAL_CLI_PATH first, and refuses one that is not executable', () => {
    const fromEnv = executable(join(dir, 'env', 'temporal'));
    executable(join(dir, 'path', 'temporal'));
    process.env.PATH = join(dir, 'path');
    process.env.TEMPORAL_CLI_PATH = fromEnv;
    expect(findTemporalBinary('cli', { cacheDir: join(dir, 'cache'), install: false })).toBe(fromEnv);
    process.env.TEMPORAL_CLI_PATH = join(dir, 'missing');
    expect(() => findTemporalBinary('cli', { cacheDir: join(dir, 'cache'), install: false })).toThrow(/TEMPORAL_CLI_PATH/);
  });

  it('then PATH, then the project cache', () => {
    const spec = temporalBinaries.cli;
    const cached = executable(join(dir, 'cache', `${spec.pipPackage}-${spec.pipVersion}`, 'bin', 'temporal'));
    expect(findTemporalBinary('cli', { cacheDir: join(dir, 'cache'), install: false })).toBe(cached);
    const onPath = executable(join(dir, 'path', 'temporal'));
    process.env.PATH = join(dir, 'path');
    expect(findTemporalBinary('cli', { cacheDir: join(dir, 'cache'), install: false })).toBe(onPath);
  });

  it("falls back to the SDK's download when nothing is found", () => {
    expect(findTemporalBinary('testServer', { cacheDir: join(dir, 'cache'), install: false })).toBeUndefined();
    expect(serverExecutable('testServer', { cacheDir: join(dir, 'cache'), install: false })).toEqual({
      type: 'cached-download',
      downloadDir: join(dir, 'cache'),
    });
  });
});
