import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreHigherBetter, scoreLowerBetter } from '../../engine/index';
import { at, loadFixture, shopOn } from '../facts/support';
import { databaseKinds, freshPostgresUrl } from '../support/databases';
import { startStack, type Stack } from '../support/stack';

/**
 * The customers list's filters and count on the whole stack, on both databases, against a shop
 * checked by hand. The snapshot is as of 2026-06-30 noon (Shanghai); default settings: stages by
 * 45 / 90 / 140 days, senior at ¥1,000 or 3 orders, VIP at ¥5,000 or 10.
 *
 *   id  contacts                region  orders (counted)                 spend  n  last        recency stage     tier
 *   a1  王芳 phone email         浙江    06-20 ¥100, 05-01 ¥1000           1100  2  06-20       10      active    senior   tag 老客
 *   a2  李四 phone               广东    01-10 ¥50                          50  1  01-10       171     lost      ordinary
 *   a3  —                       广东    none                                0  0  —           —       none      ordinary
 *   a4  email                   浙江    06-29 ¥80 (+ a refunded ¥80)        80  1  06-29       1       active    ordinary
 *   a5  phone                   北京    04-10, 04-12, 04-15 ¥30 each        90  3  04-15       76      silent    senior
 *   a6  —                       北京    02-20 ¥6000                       6000  1  02-20       130     sleeping  vip      tag 老客
 */
const asOf = at('2026-06-30', '12:00');
const fixture = {
  customers: [
    { id: 'a1', name: '王芳', phone: '13812341234', email: 'wang@x.com', region: '浙江', manualTags: ['老客'] },
    { id: 'a2', name: '李四', phone: '13900001111', region: '广东' },
    { id: 'a3', region: '广东' },
    { id: 'a4', email: 'b@y.com', region: '浙江' },
    { id: 'a5', phone: '13700002222', region: '北京' },
    { id: 'a6', region: '北京', manualTags: ['老客'] },
  ],
  orders: [
    { id: 'o1', customer: 'a1', status: 'paid' as const, amount: 100, createdAt: at('2026-06-20') },
    { id: 'o2', customer: 'a1', status: 'delivered' as const, amount: 1000, createdAt: at('2026-05-01') },
    { id: 'o3', customer: 'a2', status: 'paid' as const, amount: 50, createdAt: at('2026-01-10') },
    { id: 'o4', customer: 'a4', status: 'paid' as const, amount: 80, createdAt: at('2026-06-29') },
    { id: 'o5', customer: 'a4', status: 'refunded' as const, amount: 80, createdAt: at('2026-06-29') },
    { id: 'o6', customer: 'a5', status: 'paid' as const, amount: 30, createdAt: at('2026-04-10') },
    { id: 'o7', customer: 'a5', status: 'paid' as const, amount: 30, createdAt: at('2026-04-12') },
    { id: 'o8', customer: 'a5', status: 'shipped' as const, amount: 30, createdAt: at('2026-04-15') },
    { id: 'o9', customer: 'a6', status: 'paid' as const, amount: 6000, createdAt: at('2026-02-20') },
  ],
};

describe.each(databaseKinds)('customers list filters and count, %s database', (kind) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(kind === 'postgresql' ? { databaseUrl: await freshPostgresUrl() } : {});
    await loadFixture(shopOn(stack.huitou.context.db), fixture);
    expect((await stack.api(`/api/facts/refresh?asOf=${encodeURIComponent(asOf)}`, { method: 'POST' })).status).toBe(200);
  });
  afterAll(() => stack?.stop());

  /** Every id the filter lists, walking pages of two, and the count's answer for the same filter. */
  const listed = async (query: string) => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: { customers: { id: string }[]; nextCursor: string | null } } = await stack.api(
        `/api/customers?limit=2&${query}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      ids.push(...res.body.customers.map((c) => c.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    const count = await stack.api(`/api/customers/count?${query}`);
    expect(count.status).toBe(200);
    expect(count.body.count, `count for ${query}`).toBe(ids.length);
    return ids;
  };

  it.each([
    ['stage=active', ['a1', 'a4']],
    ['stage=silent', ['a5']],
    ['stage=sleeping', ['a6']],
    ['stage=lost', ['a2']],
    ['stage=none', ['a3']],
    ['tier=senior', ['a1', 'a5']],
    ['tier=vip', ['a6']],
    ['tag=%E8%80%81%E5%AE%A2', ['a1', 'a6']],
    ['spendMin=100', ['a1', 'a6']],
    ['spendMin=80&spendMax=100', ['a4', 'a5']],
    ['spendMax=50', ['a2', 'a3']],
    ['spendMin=80.1&spendMax=90', ['a5']],
    ['spendMin=0.1&spendMax=89.99', ['a2', 'a4']],
    ['ordersMin=2', ['a1', 'a5']],
    ['ordersMax=1', ['a2', 'a3', 'a4', 'a6']],
    ['ordersMin=1&ordersMax=1', ['a2', 'a4', 'a6']],
    ['lastWithinDays=10', ['a1', 'a4']],
    ['lastWithinDays=9', ['a4']],
    ['lastOverDays=100', ['a2', 'a6']],
    ['lastOverDays=130', ['a2']],
    ['lastFrom=2026-04-01&lastTo=2026-04-30', ['a5']],
    ['lastFrom=2026-06-20', ['a1', 'a4']],
    ['lastTo=2026-01-10', ['a2']],
    ['region=%E6%B5%99%E6%B1%9F', ['a1', 'a4']],
    ['hasPhone=true', ['a1', 'a2', 'a5']],
    ['hasPhone=false', ['a3', 'a4', 'a6']],
    ['hasEmail=true', ['a1', 'a4']],
    ['stage=active&hasPhone=true', ['a1']],
    ['tier=senior&lastOverDays=30&region=%E5%8C%97%E4%BA%AC', ['a5']],
    ['', ['a1', 'a2', 'a3', 'a4', 'a5', 'a6']],
  ])('%s lists what the table above says, and the count agrees', async (query, expected) => {
    expect(await listed(query)).toEqual(expected);
  });

  it('counts by stage for the filter bar, the stage filter left out', async () => {
    const res = await stack.api('/api/customers/count?stage=active&region=%E5%8C%97%E4%BA%AC');
    expect(res.body).toEqual({ count: 0, byStage: { active: 0, silent: 1, sleeping: 1, lost: 0, none: 0 } });
    const all = await stack.api('/api/customers/count');
    expect(all.body).toEqual({ count: 6, byStage: { active: 2, silent: 1, sleeping: 1, lost: 1, none: 1 } });
  });

  it('refuses bad filters, naming the field, in both languages', async () => {
    const res = await stack.api('/api/customers?spendMin=500&spendMax=100&lastFrom=2026-13-01&hasPhone=maybe');
    expect(res.status).toBe(400);
    expect(res.body.problems.map((p: { path: string }) => p.path).sort()).toEqual(['hasPhone', 'lastFrom']);
    const ranges = await stack.api('/api/customers/count?spendMin=500&spendMax=100&ordersMin=3&ordersMax=1');
    expect(ranges.body.problems).toEqual([
      expect.objectContaining({ path: 'spendMax', message: 'spendMax: must not be below spendMin' }),
      expect.objectContaining({ path: 'ordersMax', message: 'ordersMax: must not be below ordersMin' }),
    ]);
    const zh = await fetch(`${stack.baseUrl}/api/customers/count?ordersMin=3&ordersMax=1`, {
      headers: { authorization: `Bearer ${stack.token}`, 'accept-language': 'zh-CN' },
    });
    expect(((await zh.json()) as { message: string }).message).toContain('不能低于最少订单数（ordersMin）');
  });

  it('explains RFM scores, stage and tier with the numbers and the rule that applied', async () => {
    const res = await stack.api(`/api/customers/a1?asOf=${encodeURIComponent(asOf)}`);
    expect(res.status).toBe(200);
    expect(res.body.manualTags).toEqual(['老客']);
    const { explanation: e, facts } = res.body;
    expect(e.stage).toEqual({ stage: 'active', recencyDays: 10, mode: 'windows', bounds: [45, 90, 140] });
    expect(e.tier).toEqual({
      tier: 'senior',
      earned: 'senior',
      totalSpend: 1100,
      orderCount: 2,
      rule: { minSpend: 1000, minOrders: 3 },
      next: { id: 'vip', minSpend: 5000, minOrders: 10 },
    });
    // Quintiles of the stored population (five buyers); each score follows from the value and the thresholds shown.
    expect(e.rfm).toMatchObject({ mode: 'quintiles', category: null, windowDays: 365, r: { value: 10 }, f: { value: 2 }, m: { value: 1100 } });
    expect(e.rfm.r.score).toBe(scoreLowerBetter(10, e.rfm.r.thresholds));
    expect(e.rfm.f.score).toBe(scoreHigherBetter(2, e.rfm.f.thresholds));
    expect(e.rfm.m.score).toBe(scoreHigherBetter(1100, e.rfm.m.thresholds));
    expect([e.rfm.r.score, e.rfm.f.score, e.rfm.m.score]).toEqual([facts.rfm.r, facts.rfm.f, facts.rfm.m]);

    const never = await stack.api(`/api/customers/a3?asOf=${encodeURIComponent(asOf)}`);
    expect(never.body.explanation).toMatchObject({ rfm: null, stage: { stage: 'none', recencyDays: null } });

    // The shop's ranges instead of quintiles: R 5 for 10 days (at most 30), M 4 for ¥1,100 (over 800, at most 2,000).
    const put = await stack.api('/api/settings', { method: 'PUT', body: { rfm: { scoring: 'ranges' } } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const ranged = await stack.api(`/api/customers/a1?asOf=${encodeURIComponent(asOf)}`);
    expect(ranged.body.explanation.rfm).toEqual({
      mode: 'ranges',
      category: null,
      windowDays: 365,
      r: { score: 5, value: 10, thresholds: [30, 60, 90, 180] },
      f: { score: 2, value: 2, thresholds: [1, 2, 3, 5] },
      m: { score: 4, value: 1100, thresholds: [100, 300, 800, 2000] },
    });
    // A tier kept after its orders no longer earn it: a6 set to supreme by hand.
    await stack.huitou.context.db.updateTable('customers').set({ tier: 'supreme' }).where('id', '=', 'a6').execute();
    const kept = await stack.api(`/api/customers/a6?asOf=${encodeURIComponent(asOf)}`);
    expect(kept.body.explanation.tier).toMatchObject({ tier: 'supreme', earned: 'vip', next: null });
  });
});
