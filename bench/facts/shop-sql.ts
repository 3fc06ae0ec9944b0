import { abroad, givenChars, mobilePrefixes, regions, surnames } from '../../scripts/sample-shop/catalog';
import { customerId, productId, productList, type ShopOptions } from '../../scripts/sample-shop/generate';

/*
 * The bench's synthetic shop as set-based SQL (INSERT … SELECT generate_series), run inside the
 * database: the JavaScript generator (scripts/sample-shop/generate.ts) makes about 90,000 order
 * rows a second here, so ten million would take minutes before any COPY. The SQL mirrors that
 * generator's shape (30 % of members never buy, heavy-tailed buying weights handed out so the
 * order total is exact, statuses by age, 1–3 skewed products per order, 40 % discounted, the
 * catalogue's prices), not its exact rows. Randomness is hashint8extended of (row, draw), so the
 * same options give the same shop on PGlite and PostgreSQL, whatever the plan's row order.
 */

const DAY = 86_400;

/** A uniform draw in [0, 1) for row `i` (an SQL expression), from a stream and a draw number. */
function u(seed: number, stream: number, i: string, draw: number): string {
  return `((hashint8extended((${i})::bigint * 64 + ${draw}, ${seed * 16 + stream}) & 140737488355327)::float8 / 140737488355328)`;
}

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;
const textArray = (items: readonly string[]) => `array[${items.map(literal).join(',')}]::text[]`;
/** A weighted table as an array with each value repeated by its weight, so a uniform pick is weighted. */
const weightedArray = (table: readonly (readonly [string, number])[]) => textArray(table.flatMap(([v, w]) => Array<string>(w).fill(v)));
const pick = (array: string, length: number, draw: string) => `(${array})[1 + floor(${draw} * ${length})::int]`;

/** The catalogue exactly as the JavaScript generator builds it (it is small). */
export function productStatements(o: ShopOptions): string[] {
  const rows = productList(o).map(
    (p) =>
      `(${literal(p.id)}, ${literal(p.name)}, ${literal(p.category)}, ${literal(JSON.stringify(p.tags))}::jsonb, ${literal(JSON.stringify({ price: p.price }))}::jsonb)`,
  );
  const statements: string[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    statements.push(`insert into products (id, name, category, tags, attributes) values ${rows.slice(i, i + 1000).join(', ')}`);
  }
  return statements;
}

/** Customers `from` ≤ i < `to` (0-based), ids as the generator's (C000001 …). */
export function customersStatement(o: ShopOptions, from: number, to: number): string {
  const d = (n: number) => u(o.seed, 2, 'i', n);
  const width = customerId(0, o).length - 1;
  const names = ['lin', 'xiao', 'mei', 'wang', 'chen', 'amy', 'yu'];
  const abroadZones = abroad.flatMap(([[zone, region], w]) => Array<string>(w).fill(`${zone}|${region}`));
  const place = `(${textArray(abroadZones)})[1 + floor(${d(13)} * ${abroadZones.length})::int]`;
  // Birthdays between 1965 and 2006: 80 % with the year, 5 % month-day only, 15 % unknown.
  const born = `(date '1965-01-01' + floor(${d(9)} * 15330)::int)`;
  return `insert into customers (id, name, phone, email, attributes, birthday, timezone, region, updated_at)
    select 'C' || lpad((i + 1)::text, ${width}, '0'),
      ${pick(textArray(surnames), surnames.length, d(0))} || ${pick(textArray(givenChars), givenChars.length, d(1))}
        || case when ${d(2)} < 0.7 then ${pick(textArray(givenChars), givenChars.length, d(3))} else '' end,
      ${pick(textArray(mobilePrefixes), mobilePrefixes.length, d(4))} || lpad(floor(${d(5)} * 100000000)::text, 8, '0'),
      case when ${d(6)} < 0.35 then ${pick(textArray(names), names.length, d(7))} || (10 + floor(${d(8)} * 9990))::text || '@example.com' end,
      jsonb_build_object('gender', case when ${d(14)} < 0.72 then '女' else '男' end),
      case when ${d(10)} < 0.8 then to_char(${born}, 'YYYY-MM-DD') when ${d(10)} < 0.85 then to_char(${born}, 'MM-DD') end,
      case when ${d(11)} < 0.9 then 'Asia/Shanghai' when ${d(11)} < 0.96 then split_part(${place}, '|', 1) end,
      case when ${d(11)} >= 0.9 and ${d(11)} < 0.96 then split_part(${place}, '|', 2) else ${pick(
        weightedArray(regions),
        regions.reduce((s, [, w]) => s + w, 0),
        d(12),
      )} end,
      now()
    from generate_series(${from}, ${to - 1}) as i`;
}

/**
 * bench_buyers: every customer who buys, with their order count (the generator's exact hand-out:
 * round(N · cumulative weight / total) per customer), first order number, and buying span.
 */
export function buyersStatements(o: ShopOptions): string[] {
  const w = (n: number) => u(o.seed, 3, 'i', n);
  const end = Date.parse(o.end) / 1000;
  const start = end - o.days * DAY;
  return [
    `drop table if exists bench_buyers`,
    `create unlogged table bench_buyers as
      with weights as (
        select i, case when ${w(0)} < 0.3 then 0 else power(-ln(1 - ${w(1)}), 1.5) end as w from generate_series(0, ${o.customers - 1}) as i
      ), running as (
        select i, sum(w) over (order by i) as cum from weights
      ), handed as (
        select i, round(${o.orders}::float8 * coalesce(lag(cum) over (order by i), 0) / max(cum) over ())::bigint as before,
          round(${o.orders}::float8 * cum / max(cum) over ())::bigint as upto
        from running
      )
      select i, before as first_seq, (upto - before)::int as n,
        ${start} + ${w(2)} * ${(end - start) * 0.97} as joined
      from handed where upto > before`,
    // A customer buys from joining until they drift away (mean 420 days, longer for more orders).
    `alter table bench_buyers add column until float8`,
    `update bench_buyers set until = least(${end}, joined + -ln(1 - ${w(3)}) * ${420 * DAY} + n * ${7 * DAY})`,
    `create index on bench_buyers (i)`,
    `analyze bench_buyers`,
  ];
}

/**
 * Orders of buyers `from` ≤ i < `to`, inserted in time order (as a shop's table fills, so one
 * customer's orders lie on different pages) and numbered in that order from the range's first.
 */
export function ordersStatement(o: ShopOptions, from: number, to: number): string {
  const at = (alias: string) => (n: number) => u(o.seed, 4, alias, n);
  const [r, g, x] = [at('b.first_seq + k'), at('p.seq'), at('o.seq')];
  const end = Date.parse(o.end) / 1000;
  const products = productList(o);
  const P = products.length;
  const prices = `array[${products.map((p) => p.price).join(',')}]::int[]`;
  const width = customerId(0, o).length - 1;
  const pid = (k: string) => `'P' || lpad((${k} + 1)::text, ${productId(0, o).length - 1}, '0')`;
  const channels = weightedArray([
    ['天猫', 10],
    ['淘宝', 6],
    ['抖音', 3],
    ['小程序', 2],
  ]);
  const price = (k: string, draw: number) => `(${prices})[${k} + 1] * (1 + (${g(draw)} < 0.15)::int)`;
  const recent = textArray(['created', 'created', 'created', 'paid', 'paid', 'paid', 'paid', 'paid', 'shipped', 'shipped']);
  const days = textArray([...Array<string>(4).fill('paid'), ...Array<string>(12).fill('shipped'), ...Array<string>(3).fill('delivered'), 'closed']);
  return `insert into orders (id, customer_id, status, amount, discount, created_at, paid_at, product_ids, attributes, updated_at)
    select 'TB' || (1000000000 + (select min(first_seq) from bench_buyers where i >= ${from} and i < ${to}) + row_number() over (order by o.created, o.seq)),
      o.customer_id, o.status, o.list - o.discount, o.discount, to_timestamp(o.created),
      case when o.status not in ('created', 'closed') then to_timestamp(least(${end}, o.created + 20 + floor(${x(11)} * 3580))) end,
      o.product_ids, o.attributes, now()
    from (
      select g.*,
        case when ${end} - g.created < ${DAY} then (${recent})[1 + floor(${at('g.seq')(1)} * 10)::int]
          when ${end} - g.created < ${4 * DAY} then (${days})[1 + floor(${at('g.seq')(1)} * 20)::int]
          when ${at('g.seq')(1)} < 0.88 then 'delivered' when ${at('g.seq')(1)} < 0.94 then 'closed' else 'refunded' end as status,
        (case when ${at('g.seq')(9)} < 0.4 then round(g.list * (0.05 + ${at('g.seq')(10)} * 0.25)) else 0 end)::numeric(14, 2) as discount
      from (
        select p.seq, p.created, 'C' || lpad((p.i + 1)::text, ${width}, '0') as customer_id,
          jsonb_build_object('channel', ${pick(channels, 21, g(12))}) as attributes,
          ${price('p1', 6)} + case when n >= 2 then ${price('p2', 7)} else 0 end + case when n >= 3 then ${price('p3', 8)} else 0 end as list,
          case n when 1 then array[${pid('p1')}] when 2 then array[${pid('p1')}, ${pid('p2')}] else array[${pid('p1')}, ${pid('p2')}, ${pid('p3')}] end as product_ids
        from (
          select q.*,
            -- distinct picks: a repeat moves to a neighbour not chosen yet
            case when q3 not in (p1, p2) then q3 when greatest(p1, p2) + 1 < ${P} then greatest(p1, p2) + 1
              when least(p1, p2) > 0 then least(p1, p2) - 1 else 1 end as p3
          from (
            select r.*, case when q2 <> p1 then q2 when p1 + 1 < ${P} then p1 + 1 else p1 - 1 end as p2
            from (
              select b.i, b.first_seq + k as seq,
                floor(case when k = 1 then b.joined else b.joined + ${r(0)} * (b.until - b.joined) end) as created,
                case when ${r(2)} < 0.6 then 1 when ${r(2)} < 0.9 then 2 else 3 end as n,
                floor(${P} * power(${r(3)}, 1.8))::int as p1,
                floor(${P} * power(${r(4)}, 1.8))::int as q2,
                floor(${P} * power(${r(5)}, 1.8))::int as q3
              from bench_buyers b cross join lateral generate_series(1, b.n) as k
              where b.i >= ${from} and b.i < ${to}
            ) r
          ) q
        ) p
      ) g
    ) o
    order by o.created, o.seq`;
}
