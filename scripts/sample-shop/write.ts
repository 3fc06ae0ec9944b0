// Writes the sample shop as import CSVs:
//   npx tsx scripts/sample-shop/write.ts [--out examples/data] [--seed 7] [--customers 500]
//     [--orders 3000] [--products 40] [--end 2026-11-20T22:00:00+08:00] [--days 730]
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { csvLines, defaultShop, type ShopFile, type ShopOptions } from './generate';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'examples/data' },
    seed: { type: 'string' },
    customers: { type: 'string' },
    orders: { type: 'string' },
    products: { type: 'string' },
    end: { type: 'string' },
    days: { type: 'string' },
  },
});
const num = (v: string | undefined, fallback: number, name: string) => {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, not "${v}"`);
  return n;
};
const options: ShopOptions = {
  seed: num(values.seed, defaultShop.seed, 'seed'),
  customers: num(values.customers, defaultShop.customers, 'customers'),
  orders: num(values.orders, defaultShop.orders, 'orders'),
  products: num(values.products, defaultShop.products, 'products'),
  end: values.end ?? defaultShop.end,
  days: num(values.days, defaultShop.days, 'days'),
};
if (Number.isNaN(Date.parse(options.end))) throw new Error(`--end must be an ISO 8601 date-time, not "${options.end}"`);
await mkdir(values.out!, { recursive: true });
for (const file of ['products', 'customers', 'orders'] as ShopFile[]) {
  const path = join(values.out!, `${file}.csv`);
  await pipeline(Readable.from(csvLines(file, options)), createWriteStream(path));
  console.log(`wrote ${path}`);
}
