// Gets a fresh clone ready to run, with nothing but Node: installs the npm dependencies when they
// are missing or stale, and builds the designer when its sources are newer than the build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status ?? result.signal}`);
  }
}

function newest(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let latest = s.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

export function ensureDependencies() {
  const installed = join(root, 'node_modules', '.package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(join(root, 'package-lock.json')).mtimeMs) return;
  // `npm install`, not `npm ci`: with npm 11, `ci` refuses this lock file over platform-specific
  // optional packages of @swc/core it lists for no platform; `install` follows the lock all the same.
  console.log('Installing dependencies (npm install)…');
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error']);
}

export function ensureDesignerBuilt() {
  const built = join(root, 'designer', 'dist', 'index.html');
  const sources = Math.max(newest(join(root, 'designer', 'src')), newest(join(root, 'designer', 'index.html')), newest(join(root, 'engine')));
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  console.log('Building the designer…');
  run(join(root, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn']);
}
