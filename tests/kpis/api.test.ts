import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack';
import { AS_OF, AS_OF_DATE, insertFixture } from './fixture';

describe('GET /api/kpis', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
    await insertFixture(stack.huitou.context.db);
  });
  afterAll(() => stack?.stop());

  it('needs the token', async () => {
    const res = await stack.api('/api/kpis', { token: null });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('unauthorized');
  });

  it('answers the board as of a date, in the shop time zone', async () => {
    const res = await stack.api(`/api/kpis?asOf=${AS_OF_DATE}`);
    expect(res.status).toBe(200);
    // The hand counts of tests/kpis/kpis.test.ts, through the HTTP stack.
    expect(res.body).toMatchObject({
      asOf: AS_OF,
      timezone: 'Asia/Shanghai',
      rollingCustomers: 12,
      aov: 168.24,
      period: { days: 30 },
      distributions: {
        stage: { active: 8, silent: 2, sleeping: 1, lost: 2, none: 2 },
        tier: { ordinary: 11, senior: 2, vip: 1, supreme: 0 },
        rfm: {},
        snapshotAsOf: null,
      },
    });
    expect(res.body.returningRatio).toBeCloseTo(7 / 12, 10);
    expect(res.body.repurchaseRate).toEqual({ within45: 0.5, d45to90: 1 / 3, d90to140: 0.5, over140: 2 / 3 });
    expect(res.body.trend).toHaveLength(12);
    expect(res.body.trend[11]).toMatchObject({ month: '2026-06', asOf: AS_OF, rollingCustomers: 12, buyers: 7 });
  });

  it('takes an instant with an offset and a period length', async () => {
    const res = await stack.api(`/api/kpis?asOf=${encodeURIComponent('2026-06-30T23:59:59.999+08:00')}&periodDays=60`);
    expect(res.status).toBe(200);
    expect(res.body.asOf).toBe(AS_OF);
    expect(res.body.period).toEqual({ days: 60, start: '2026-05-01T15:59:59.999Z' });
    expect(res.body.repurchaseCounts.within45).toEqual({ customers: 4, repurchased: 2 });
  });

  it('is as of now without asOf', async () => {
    const before = Date.now();
    const res = await stack.api('/api/kpis');
    expect(res.status).toBe(200);
    expect(Date.parse(res.body.asOf)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(res.body.asOf)).toBeLessThanOrEqual(Date.now());
    expect(res.body.period.days).toBe(30);
  });

  it('refuses a bad query, naming each field', async () => {
    const res = await stack.api('/api/kpis?asOf=2026-02-30&periodDays=0');
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_query');
    expect(res.body.message).toMatch(/^asOf: .*; periodDays: /);
    expect(res.body.problems).toEqual([
      { path: 'asOf', code: 'invalid', message: expect.stringContaining('YYYY-MM-DD') },
      { path: 'periodDays', code: 'invalid', message: expect.stringMatching(/^periodDays: /) },
    ]);
    for (const query of ['asOf=yesterday', 'asOf=2026-06-30T12:00:00', 'periodDays=2.5', 'periodDays=366', 'periodDays=x']) {
      const r = await stack.api(`/api/kpis?${query}`);
      expect(r.status, query).toBe(400);
      expect(
        r.body.problems.map((p: { path: string }) => p.path),
        query,
      ).toEqual([query.split('=')[0]]);
    }
  });
});
