import { abroad, categories, givenChars, mobilePrefixes, regions, surnames } from './catalog';
import { exponential, int, pick, random, weighted, type Random } from './random';

/**
 * A deterministic sample shop: products, customers and their order history, as rows of the
 * import CSVs (docs/import.md). Async generators, so a benchmark can stream a million customers
 * and ten million orders without holding them; the same options give the same rows everywhere.
 */
export interface ShopOptions {
  seed: number;
  customers: number;
  /** Exactly this many orders, spread over the customers (some never buy, a few buy a lot). */
  orders: number;
  products: number;
  /** The end of the history ("now" for the statuses of recent orders); ISO 8601. */
  end: string;
  /** How far back the history goes. */
  days: number;
}

export const defaultShop: ShopOptions = { seed: 7, customers: 500, orders: 3000, products: 40, end: '2026-11-20T22:00:00+08:00', days: 730 };

export const columns = {
  products: ['product_id', 'name', 'category', 'tags', 'price'],
  customers: ['customer_id', 'name', 'phone', 'email', 'birthday', 'timezone', 'region', 'gender'],
  orders: ['order_id', 'customer_id', 'status', 'created_at', 'paid_at', 'amount', 'discount', 'product_ids', 'channel'],
} as const;
export type ShopFile = keyof typeof columns;
export type Row = Record<string, string>;

const DAY = 86_400_000;
const SHANGHAI = 8 * 3_600_000;
// Independent random streams, so adding a column to one kind does not change the others.
const STREAM = { products: 1, customers: 2, buying: 3, orders: 4 } as const;

const pad = (n: number, width: number) => String(n).padStart(width, '0');
export const customerId = (i: number, o: ShopOptions) => `C${pad(i + 1, Math.max(6, String(o.customers).length))}`;
export const productId = (i: number, o: ShopOptions) => `P${pad(i + 1, Math.max(4, String(o.products).length))}`;

/** The catalogue: a shop has thousands of products at most, so it is built whole. */
export function productList(o: ShopOptions): { id: string; name: string; category: string; tags: string[]; price: number }[] {
  const slots = categories.flatMap((c) => Array<typeof c>(c.weight).fill(c));
  const used = new Map<string, number>();
  const variants = ['', ' 升级版', ' 旅行装', ' 礼盒装', ' 家庭装'];
  return Array.from({ length: o.products }, (_, i) => {
    const r = random(o.seed, STREAM.products, i);
    const spec = slots[i % slots.length]!;
    const k = used.get(spec.category) ?? 0;
    used.set(spec.category, k + 1);
    const [stem, tags] = spec.items[k % spec.items.length]!;
    const round = Math.floor(k / spec.items.length);
    const variant = variants[round % variants.length]! + (round >= variants.length ? ` ${round}` : '');
    const price = Math.max(9, Math.round((spec.price[0] + r() * (spec.price[1] - spec.price[0])) / 10) * 10 - 1);
    return { id: productId(i, o), name: stem + variant, category: spec.category, tags: [...tags], price };
  });
}

export async function* productRows(o: ShopOptions = defaultShop): AsyncGenerator<Row> {
  for (const p of productList(o)) yield { product_id: p.id, name: p.name, category: p.category, tags: p.tags.join(';'), price: String(p.price) };
}

function customerAt(i: number, o: ShopOptions): Row {
  const r = random(o.seed, STREAM.customers, i);
  const name = pick(r, surnames) + pick(r, givenChars) + (r() < 0.7 ? pick(r, givenChars) : '');
  const phone = pick(r, mobilePrefixes) + pad(int(r, 0, 99_999_999), 8);
  const email = r() < 0.35 ? `${['lin', 'xiao', 'mei', 'wang', 'chen', 'amy', 'yu'][int(r, 0, 6)]}${int(r, 10, 9999)}@example.com` : '';
  const year = int(r, 1965, 2006);
  const month = int(r, 1, 12);
  const day = int(r, 1, new Date(Date.UTC(year, month, 0)).getUTCDate());
  const birthdayKnown = r();
  const birthday = birthdayKnown < 0.8 ? `${year}-${pad(month, 2)}-${pad(day, 2)}` : birthdayKnown < 0.85 ? `${pad(month, 2)}-${pad(day, 2)}` : '';
  const where = r();
  // Mostly mainland China; some abroad in their own zone; a few with no zone given (the shop's applies).
  const [timezone, region] = where < 0.9 ? ['Asia/Shanghai', weighted(r, regions)] : where < 0.96 ? weighted(r, abroad) : ['', weighted(r, regions)];
  const gender = r() < 0.72 ? '女' : '男';
  return { customer_id: customerId(i, o), name, phone, email, birthday, timezone, region, gender };
}

export async function* customerRows(o: ShopOptions = defaultShop): AsyncGenerator<Row> {
  for (let i = 0; i < o.customers; i++) yield customerAt(i, o);
}

/** How much customer `i` buys relative to others: 0 for members who never buy, heavy-tailed otherwise. */
function buyingWeight(r: Random): number {
  if (r() < 0.3) return 0;
  const e = exponential(r, 1);
  return e ** 1.5;
}

/** When in the evening people shop: hour-of-day weights (Shanghai time). */
const hours: readonly (readonly [number, number])[] = Array.from({ length: 24 }, (_, h) => [h, h < 7 ? 1 : h < 12 ? 4 : h < 19 ? 5 : h < 23 ? 9 : 4] as const);

function shanghaiIso(ms: number): string {
  return new Date(ms + SHANGHAI).toISOString().slice(0, 19) + '+08:00';
}

export async function* orderRows(o: ShopOptions = defaultShop): AsyncGenerator<Row> {
  const products = productList(o);
  const end = Date.parse(o.end);
  const start = end - o.days * DAY;
  // Two passes over the customers' buying weights (cheap, nothing kept): the first for the total,
  // the second hands out exactly `o.orders` orders in proportion.
  let total = 0;
  for (let i = 0; i < o.customers; i++) total += buyingWeight(random(o.seed, STREAM.buying, i));
  if (total === 0 || products.length === 0) return;
  let cumulative = 0;
  let handed = 0;
  let seq = 0;
  for (let i = 0; i < o.customers; i++) {
    const r = random(o.seed, STREAM.buying, i);
    cumulative += buyingWeight(r);
    const upTo = Math.round((o.orders * cumulative) / total);
    const count = upTo - handed;
    handed = upTo;
    if (count === 0) continue;
    // A customer joins at their first order and buys until they drift away.
    const joined = start + r() * (end - start) * 0.97;
    const until = Math.min(end, joined + exponential(r, 420) * DAY + count * 7 * DAY);
    const times = [joined, ...Array.from({ length: count - 1 }, () => joined + r() * (until - joined))].sort((a, b) => a - b);
    for (const t of times) {
      seq += 1;
      yield orderAt(seq, customerId(i, o), t, end, products, random(o.seed, STREAM.orders, seq));
    }
  }
}

function orderAt(seq: number, customer: string, time: number, end: number, products: ReturnType<typeof productList>, r: Random): Row {
  // The time of day follows the evening peak; the day is the customer's.
  const day = Math.floor((time + SHANGHAI) / DAY) * DAY - SHANGHAI;
  const created = Math.min(end - 60_000, day + weighted(r, hours) * 3_600_000 + int(r, 0, 3_599) * 1000);
  const age = end - created;
  const status =
    age < DAY
      ? weighted(r, [
          ['created', 3],
          ['paid', 5],
          ['shipped', 2],
        ] as const)
      : age < 4 * DAY
        ? weighted(r, [
            ['paid', 2],
            ['shipped', 6],
            ['delivered', 1.5],
            ['closed', 0.5],
          ] as const)
        : weighted(r, [
            ['delivered', 88],
            ['closed', 6],
            ['refunded', 6],
          ] as const);
  const n = weighted(r, [
    [1, 6],
    [2, 3],
    [3, 1],
  ] as const);
  const chosen = new Set<number>();
  // Popular products sell more: a skewed pick over the catalogue.
  while (chosen.size < Math.min(n, products.length)) chosen.add(Math.floor(products.length * r() ** 1.8));
  const items = [...chosen].map((k) => products[k]!);
  const list = items.reduce((s, p) => s + p.price * (r() < 0.15 ? 2 : 1), 0);
  const discount = r() < 0.4 ? Math.round(list * (0.05 + r() * 0.25)) : 0;
  const paid = status !== 'created' && status !== 'closed';
  return {
    order_id: `TB${1_000_000_000 + seq}`,
    customer_id: customer,
    status,
    created_at: shanghaiIso(created),
    paid_at: paid ? shanghaiIso(Math.min(end, created + int(r, 20, 3_600) * 1000)) : '',
    amount: (list - discount).toFixed(2),
    discount: discount.toFixed(2),
    product_ids: items.map((p) => p.id).join(';'),
    channel: weighted(r, [
      ['天猫', 5],
      ['淘宝', 3],
      ['抖音', 1.5],
      ['小程序', 1],
    ] as const),
  };
}

/** One CSV line: fields with commas, quotes or line breaks are quoted. */
export function csvLine(values: readonly string[]): string {
  return values.map((v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',') + '\n';
}

const generators: Record<ShopFile, (o: ShopOptions) => AsyncGenerator<Row>> = { products: productRows, customers: customerRows, orders: orderRows };

/** A whole CSV file as lines, header first: pipe it to a file or an upload. */
export async function* csvLines(file: ShopFile, o: ShopOptions = defaultShop): AsyncGenerator<string> {
  yield csvLine(columns[file]);
  for await (const row of generators[file](o)) yield csvLine(columns[file].map((c) => row[c] ?? ''));
}
