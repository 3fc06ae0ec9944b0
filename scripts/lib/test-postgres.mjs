// A throwaway PostgreSQL server for the test run, from the machine's PostgreSQL binaries (Debian's
// `postgresql` package). HUITOU_TEST_DATABASE_URL, when set, names a server to use instead.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function binDir() {
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return join(base, versions[0], 'bin');
  }
  try {
    return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export async function startTestPostgres() {
  if (process.env.HUITOU_TEST_DATABASE_URL) return { url: process.env.HUITOU_TEST_DATABASE_URL, stop() {} };
  const bin = binDir();
  if (!bin || !existsSync(join(bin, 'initdb'))) {
    throw new Error('The tests need PostgreSQL server binaries (Debian: apt-get install postgresql), or HUITOU_TEST_DATABASE_URL naming a server.');
  }
  const dir = mkdtempSync(join(tmpdir(), 'huitou-pg-'));
  // PostgreSQL refuses to run as root; as root, run it as the `postgres` user the package creates.
  const asRoot = process.getuid?.() === 0;
  let uid;
  if (asRoot) {
    const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    if (id.status !== 0) throw new Error('Running as root, the tests start PostgreSQL as the "postgres" user, which does not exist.');
    uid = Number(id.stdout.trim());
    chownSync(dir, uid, uid);
  }
  const exec = (file, args) => {
    const r = spawnSync(join(bin, file), args, { encoding: 'utf8', uid, gid: uid, cwd: dir });
    if (r.status !== 0) throw new Error(`${file} failed: ${r.stderr || r.stdout}`);
  };
  const data = join(dir, 'data');
  exec('initdb', ['-D', data, '-U', 'huitou', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
  const port = await freePort();
  exec('pg_ctl', [
    '-D',
    data,
    '-l',
    join(dir, 'log'),
    '-w',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
    'start',
  ]);
  return {
    url: `postgres://huitou@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        exec('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
