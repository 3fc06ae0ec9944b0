import type { Fixture, FixtureCustomer, FixtureOrder } from './support';

// A seeded synthetic shop with every kind of customer the facts distinguish, and settings variants
// that exercise every rule: the agreement and changed-refresh suites run on it.

export function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function syntheticShop(seed: number, customers: number): Fixture {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const categories = ['家电', '进口食品', '护肤', '控油', 'Z', 'a', null];
  const products = Array.from({ length: 30 }, (_, i) => ({ id: `p${i}`, category: pick(categories) }));
  const statuses = ['paid', 'paid', 'shipped', 'delivered', 'created', 'closed', 'refunded'] as const;
  const manualTags = ['回访', 'VIP客户', '😀', '～', 'a'];
  const zones = [undefined, 'Asia/Shanghai', 'America/New_York', 'Europe/London', 'Not/AZone'];
  const cs: FixtureCustomer[] = [];
  const orders: FixtureOrder[] = [];
  const end = Date.parse('2026-07-01T00:00:00Z');
  for (let c = 0; c < customers; c++) {
    const id = `c${c}`;
    const month = 1 + Math.floor(r() * 12);
    const day = 1 + Math.floor(r() * 31);
    const birthday = r() < 0.6 ? `${r() < 0.5 ? '1990-' : ''}${String(month).padStart(2, '0')}-${String(c % 40 === 0 ? 29 : day).padStart(2, '0')}` : undefined;
    cs.push({
      id,
      ...(birthday ? { birthday: c % 40 === 0 ? '02-29' : birthday } : {}),
      ...(pick(zones) ? { timezone: pick(zones)! } : {}),
      ...(r() < 0.1 ? { tier: pick(['senior', 'vip']) } : {}),
      ...(r() < 0.25 ? { manualTags: [...new Set([pick(manualTags), pick(manualTags)])] } : {}),
    });
    const count = r() < 0.15 ? 0 : Math.floor(r() ** 2 * 14);
    for (let o = 0; o < count; o++) {
      const amount = Math.round(r() * (r() < 0.1 ? 8000 : 400) * 100) / 100;
      const discount = r() < 0.4 ? Math.round(amount * pick([0.1, 0.2, 0.25, 0.3, 0.5]) * 100) / 100 : 0;
      // Many orders on the same few instants, some exactly at midnights and at asOf.
      const at =
        r() < 0.1
          ? pick(['2026-06-30T16:00:00Z', '2026-06-30T04:00:00Z', '2026-03-08T07:00:00Z', '2025-11-02T05:30:00Z'])
          : new Date(end - Math.floor(r() * 700) * 86_400_000 - Math.floor(r() * 86_400_000)).toISOString();
      orders.push({
        id: `${id}-o${o}`,
        customer: id,
        status: pick(statuses),
        amount,
        discount,
        createdAt: at,
        products: Array.from({ length: Math.floor(r() * 3) }, () => pick(products).id),
      });
    }
  }
  // Buyers without a profile.
  orders.push({ id: 'ghost-1', customer: 'ghost', status: 'paid', amount: 12.34, createdAt: '2026-05-01T00:00:00Z', products: ['p1'] });
  orders.push({ id: 'ghost2-1', customer: 'ghost2', status: 'refunded', amount: 12.34, createdAt: '2026-05-01T00:00:00Z' });
  return { customers: cs, orders, products };
}

export const variants: [string, unknown][] = [
  ['defaults', {}],
  [
    'ranges per category, tag rules, New York',
    {
      timezone: 'America/New_York',
      rfm: {
        windowDays: 180,
        scoring: 'ranges',
        byCategory: {
          家电: { recencyDays: [60, 120, 240, 365], frequency: [0, 1, 2, 3], monetary: [1000, 3000, 6000, 10000] },
          a: { recencyDays: [7, 14, 30, 60], frequency: [2, 5, 8, 12], monetary: [50, 150, 300, 600.5] },
        },
      },
      tagRules: [
        { kind: 'price-sensitive', minDiscountPct: 20 },
        { kind: 'price-sensitive', tag: '大折扣', minDiscountPct: 33.33 },
        { kind: 'bought-category', tag: '油性肤质', categories: ['控油', 'Z'] },
        { kind: 'bought-product', tag: '回访', productIds: ['p3', 'p4'] },
        { id: 'spend-30', kind: 'spend-in-window', tag: '近30天高消费', minSpend: 300.5, days: 30 },
        { kind: 'orders-in-window', tag: '近期复购', minOrders: 2, days: 120 },
      ],
      tiers: [
        { id: 'ordinary', minSpend: 0, minOrders: 0 },
        { id: 'senior', minSpend: 500, minOrders: 0 },
        { id: 'vip', minSpend: 0, minOrders: 6 },
        { id: 'supreme', minSpend: 9000.5, minOrders: 12 },
      ],
    },
  ],
  ['ratio mode, 90-day window, London', { timezone: 'Europe/London', rfm: { windowDays: 90 }, lifecycle: { mode: 'ratio' } }],
  [
    'window, RFM segment and stage tag rules, ratio mode',
    {
      lifecycle: { mode: 'ratio' },
      tagRules: [
        { kind: 'spend-in-window', tag: '月消费满500', minSpend: 500, days: 30, note: 'a month of spend' },
        { kind: 'orders-in-window', tag: '活跃复购', minOrders: 3, days: 200 },
        { kind: 'orders-in-window', tag: '近7天下单', minOrders: 1, days: 7 },
        { kind: 'rfm-segment', tag: '高价值', segments: ['champions', 'loyal'] },
        { kind: 'rfm-segment', tag: '需挽留', segments: ['at_risk', 'hibernating'] },
        { kind: 'stage', tag: '待唤醒', stages: ['silent', 'sleeping'] },
        // A manual tag too: the refresh must keep it where set by hand.
        { kind: 'stage', tag: 'VIP客户', stages: ['active'] },
        { kind: 'stage', tag: '未购', stages: ['none'] },
      ],
    },
  ],
];
