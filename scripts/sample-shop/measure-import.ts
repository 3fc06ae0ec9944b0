// A one-off measurement, not a test: import a million generated orders through the HTTP API into
// the embedded database with the `huitou` CLI, and report throughput and the server's peak RSS.
//   npx tsx scripts/sample-shop/measure-import.ts [--orders 1000000] [--customers 200000] [--keep FILE]
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { createRegistry } from '../../engine/index';
import { projectRoot } from '../../server/config';
import { openDatabase } from '../../server/db/database';
import { buildApp } from '../../server/http/app';
import type { AppContext } from '../../server/http/context';
import { createLogger } from '../../server/logger';
import { Customers } from '../../server/store/customers';
import { Orders } from '../../server/store/orders';
import { Products } from '../../server/store/products';
import { csvLines, defaultShop } from './generate';

const { values } = parseArgs({ options: { orders: { type: 'string', default: '1000000' }, customers: { type: 'string', default: '200000' } } });
const work = mkdtempSync(join(tmpdir(), 'huitou-measure-'));
const file = join(work, 'orders.csv');
const shop = { ...defaultShop, orders: Number(values.orders), customers: Number(values.customers), products: 400 };

let t = Date.now();
await pipeline(Readable.from(csvLines('orders', shop)), createWriteStream(file));
console.log(`generated ${shop.orders} orders (${(statSync(file).size / 1_048_576).toFixed(0)} MB) in ${((Date.now() - t) / 1000).toFixed(1)} s`);

// The server part of Huitou that imports: HTTP, parser, stores, embedded database on disk.
// (Temporal, the worker and the router take no part in an import.)
const db = await openDatabase({ dataDir: join(work, 'db') });
const log = createLogger('warn');
const ctx = { db, registry: createRegistry(), customers: new Customers(db), orders: new Orders(db), products: new Products(db), log } as unknown as AppContext;
const token = 'measure-token';
const app = await buildApp(ctx, { token });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
const mb = (n: number) => `${(n / 1_048_576).toFixed(0)} MB`;
const before = process.memoryUsage().rss;
console.log(`server ready (embedded database open), RSS ${mb(before)}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);

async function run(label: string) {
  peak = process.memoryUsage().rss;
  t = Date.now();
  const cpu = process.cpuUsage();
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [join(projectRoot, 'bin', 'huitou.mjs'), 'import', 'orders', file], { env: { ...process.env, HUITOU_URL: url, HUITOU_API_TOKEN: token } });
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.stderr.on('data', (d) => (text += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`huitou import exited ${code}: ${text}`))));
  });
  const seconds = (Date.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  // The machine is shared: CPU seconds say what the import costs, wall time what it took today.
  const cpuSeconds = (used.user + used.system) / 1e6;
  console.log(`${label}: ${out.trim()}`);
  console.log(
    `${label}: ${seconds.toFixed(1)} s wall, ${Math.round(shop.orders / seconds)} rows/s; server CPU ${cpuSeconds.toFixed(1)} s (${Math.round(shop.orders / cpuSeconds)} rows per CPU second); ` +
      `server peak RSS ${mb(peak)} (sampled every 100 ms); load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`,
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
  rmSync(work, { recursive: true, force: true });
}
