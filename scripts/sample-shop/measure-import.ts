// A one-off measurement, not a test: import a million generated orders through the HTTP API into
// the embedded database with the `huitou` CLI, and report throughput and the server's peak RSS.
//   npx tsx scripts/sample-shop/measure-import.ts [--orders 1000000] [--customers 200000] [--postgresql]
// --postgresql: into a throwaway PostgreSQL server instead (the machine's binaries, as npm test).
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createRegistry } from '../../engine/index';
import { projectRoot } from '../../server/config';
import { openDatabase } from '../../server/db/database';
import { buildApp } from '../../server/http/app';
import type { AppContext } from '../../server/http/context';
import { createLogger } from '../../server/logger';
import { Customers } from '../../server/customers/customers';
import { Orders } from '../../server/customers/orders';
import { Products } from '../../server/customers/products';
import { defaultShop } from './generate';

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '1000000' },
    customers: { type: 'string', default: '200000' },
    postgresql: { type: 'boolean', default: false },
  },
});
const work = mkdtempSync(join(tmpdir(), 'huitou-measure-'));
const file = join(work, 'orders.csv');
const shop = { ...defaultShop, orders: Number(values.orders), customers: Number(values.customers), products: 400 };

// Generated in another process, so its garbage does not blur this one's memory figures.
let t = Date.now();
await runNode(
  [
    join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
    join(projectRoot, 'scripts', 'sample-shop', 'write.ts'),
    '--out',
    work,
    '--orders',
    String(shop.orders),
    '--customers',
    String(shop.customers),
    '--products',
    String(shop.products),
  ],
  {},
);
console.log(`generated ${shop.orders} orders (${(statSync(file).size / 1_048_576).toFixed(0)} MB) in ${((Date.now() - t) / 1000).toFixed(1)} s`);
const bare = process.memoryUsage().rss;

// The server part of Huitou that imports: HTTP, parser, stores, embedded database on disk.
// (Temporal, the worker and the router take no part in an import.)
type Postgres = { url: string; stop(): void };
const postgres = values.postgresql
  ? await ((await import(join(projectRoot, 'scripts', 'lib', 'test-postgres.mjs'))) as { startTestPostgres(): Promise<Postgres> }).startTestPostgres()
  : undefined;
const db = await openDatabase(postgres ? { url: postgres.url } : { dataDir: join(work, 'db') });
console.log(`database: ${postgres ? 'PostgreSQL (a separate process: its CPU and memory are not in the figures below)' : 'embedded (in this process)'}`);
const log = createLogger('warn');
const ctx = { db, registry: createRegistry(), customers: new Customers(db), orders: new Orders(db), products: new Products(db), log } as unknown as AppContext;
const token = 'measure-token';
const app = await buildApp(ctx, { token });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

let peak = 0;
let peakHeap = 0;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peak = Math.max(peak, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}, 100);
const mb = (n: number) => `${(n / 1_048_576).toFixed(0)} MB`;
const before = process.memoryUsage().rss;
console.log(
  `RSS ${mb(bare)} before the database opened, ${mb(before)} with it open and the server listening; load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);

function runNode(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env } });
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.stderr.on('data', (d) => (text += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`${args[0]} exited ${code}: ${text}`))));
  });
}

async function run(label: string) {
  peak = process.memoryUsage().rss;
  peakHeap = process.memoryUsage().heapUsed;
  t = Date.now();
  const cpu = process.cpuUsage();
  const out = await runNode([join(projectRoot, 'bin', 'huitou.mjs'), 'import', 'orders', file], { HUITOU_URL: url, HUITOU_API_TOKEN: token });
  const seconds = (Date.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  // The machine is shared: CPU seconds say what the import costs, wall time what it took today.
  const cpuSeconds = (used.user + used.system) / 1e6;
  console.log(`${label}: ${out.trim()}`);
  console.log(
    `${label}: ${seconds.toFixed(1)} s wall, ${Math.round(shop.orders / seconds)} rows/s; server CPU ${cpuSeconds.toFixed(1)} s (${Math.round(shop.orders / cpuSeconds)} rows per CPU second); ` +
      `server peak RSS ${mb(peak)}, peak JS heap ${mb(peakHeap)} (sampled every 100 ms); load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
  );
}

try {
  await run('first import');
  await run('re-import (unchanged)');
  console.log(`process max RSS (getrusage): ${mb(process.resourceUsage().maxRSS * 1024)}`);
} finally {
  clearInterval(sampler);
  await app.close();
  await db.destroy();
  postgres?.stop();
  rmSync(work, { recursive: true, force: true });
}
