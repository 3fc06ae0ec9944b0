import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Campaigns } from '../../server/coupons/campaigns';
import { Coupons } from '../../server/coupons/coupon-service';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases';
import { uniqueId } from '../support/journeys';

describe.each(databaseKinds)('issuing coupons on %s', (kind) => {
  let t: TestDatabase;
  let campaigns: Campaigns;
  let coupons: Coupons;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    campaigns = new Campaigns(t.db);
    coupons = new Coupons(t.db);
  });
  afterAll(() => t?.close());

  const generated = (extra: Record<string, unknown> = {}) =>
    campaigns.create({
      id: uniqueId('cmp'),
      name: '满100减10',
      kind: 'amount',
      value: 10,
      minimumSpend: 100,
      validDays: 7,
      codeSource: 'generated',
      codePrefix: 'HT-',
      ...extra,
    });

  it('gives the same coupon for the same key and another for another key', async () => {
    const c = await generated();
    const before = Date.now();
    const first = await coupons.issue(c.id, 'cust-1', 'wf-1/run-1/issue/1');
    const retry = await coupons.issue(c.id, 'cust-1', 'wf-1/run-1/issue/1');
    const next = await coupons.issue(c.id, 'cust-1', 'wf-1/run-1/issue/2');
    expect(first).not.toBeNull();
    expect(retry).toEqual(first);
    expect(next!.code).not.toBe(first!.code);
    expect(first!.code).toMatch(/^HT-[2-9A-HJKMNP-Z]{12}$/);
    expect(first!.amount).toBe(10);
    // Valid for 7 days from issue.
    const expires = Date.parse(first!.expiresAt);
    expect(expires).toBeGreaterThanOrEqual(before + 7 * 86_400_000 - 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 7 * 86_400_000 + 1000);
    expect((await campaigns.get(c.id))!.stats).toMatchObject({ issued: 2, redeemed: 0, budgetUsed: 20, remaining: null });
  });

  it('generates unique codes without look-alike characters', async () => {
    const c = await generated({ codePrefix: '' });
    const codes = await Promise.all(Array.from({ length: 300 }, (_, i) => coupons.issue(c.id, `cust-${i}`, `wf-u/run/issue/${i}`)));
    const set = new Set(codes.map((x) => x!.code));
    expect(set.size).toBe(300);
    for (const code of set) expect(code).not.toMatch(/[01OIL]/);
  });

  it('hands out pool codes once and returns null when the pool is empty', async () => {
    const c = await campaigns.create({
      id: uniqueId('pool'),
      name: '九折',
      kind: 'percent',
      value: 10,
      minimumSpend: 0,
      expiresAt: '2099-01-01T00:00:00+08:00',
      codeSource: 'pool',
      codePrefix: '',
    });
    expect(await campaigns.addPoolCodes(c.id, ['P-A', 'P-B', 'P-A'])).toEqual({ added: 2, duplicates: ['P-A'] });
    expect(await campaigns.addPoolCodes(c.id, ['P-B', 'P-C'])).toEqual({ added: 1, duplicates: ['P-B'] });
    const got = [await coupons.issue(c.id, 'x', 'k/p/1/1'), await coupons.issue(c.id, 'y', 'k/p/1/2'), await coupons.issue(c.id, 'z', 'k/p/1/3')];
    expect(got.map((g) => g!.code).sort()).toEqual(['P-A', 'P-B', 'P-C']);
    expect(got[0]).toMatchObject({ amount: null, expiresAt: '2098-12-31T16:00:00.000Z' });
    expect(await coupons.issue(c.id, 'w', 'k/p/1/4')).toBeNull();
    // A retry of an issue that got a code still gets it after the pool ran out.
    expect(await coupons.issue(c.id, 'x', 'k/p/1/1')).toEqual(got[0]);
    expect((await campaigns.get(c.id))!.stats).toMatchObject({ issued: 3, poolAvailable: 0, remaining: 0, budgetUsed: null });
  });

  it('stops at the quantity cap and the budget cap', async () => {
    const byQuantity = await generated({ quantityCap: 2 });
    expect(await coupons.issue(byQuantity.id, 'a', 'q/1/n/1')).not.toBeNull();
    expect(await coupons.issue(byQuantity.id, 'b', 'q/1/n/2')).not.toBeNull();
    expect(await coupons.issue(byQuantity.id, 'c', 'q/1/n/3')).toBeNull();

    // ¥25 budget, ¥10 coupons: two fit, the third would make ¥30.
    const byBudget = await generated({ budgetCap: 25 });
    expect((await campaigns.get(byBudget.id))!.stats).toMatchObject({ remaining: 2, budgetRemaining: 25 });
    expect(await coupons.issue(byBudget.id, 'a', 'b/1/n/1')).not.toBeNull();
    expect(await coupons.issue(byBudget.id, 'b', 'b/1/n/2')).not.toBeNull();
    expect(await coupons.issue(byBudget.id, 'c', 'b/1/n/3')).toBeNull();
    expect((await campaigns.get(byBudget.id))!.stats).toMatchObject({ issued: 2, budgetUsed: 20, budgetRemaining: 5, remaining: 0 });
  });

  it('gives nothing from a campaign that has ended', async () => {
    const c = await generated({ validDays: undefined, expiresAt: '2020-01-01T00:00:00Z' });
    expect(await coupons.issue(c.id, 'a', 'e/1/n/1')).toBeNull();
  });

  it('gives the last pool code to exactly one of many concurrent issues', async () => {
    const c = await campaigns.create({
      id: uniqueId('last'),
      name: 'last',
      kind: 'amount',
      value: 5,
      minimumSpend: 0,
      validDays: 1,
      codeSource: 'pool',
      codePrefix: '',
    });
    await campaigns.addPoolCodes(c.id, [`LAST-${c.id}`]);
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => coupons.issue(c.id, `cust-${i}`, `race/${c.id}/n/${i}`)));
    const winners = results.filter((r) => r !== null);
    expect(winners).toHaveLength(1);
    expect(winners[0]!.code).toBe(`LAST-${c.id}`);
    const rows = await t.db.selectFrom('coupon_codes').selectAll().where('campaign_id', '=', c.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.idempotency_key).toMatch(/^race\//);
  });

  it('finds the latest coupon issued in an enrolment by its key prefix', async () => {
    const c = await generated();
    const first = await coupons.issue(c.id, 'cust-e', 'jx:cust-e/run-9/a/1');
    await new Promise((r) => setTimeout(r, 5));
    const second = await coupons.issue(c.id, 'cust-e', 'jx:cust-e/run-9/b/1');
    await coupons.issue(c.id, 'cust-e', 'jx:cust-e/run-10/a/1');
    expect(first).not.toEqual(second);
    expect(await coupons.latestInEnrolment('cust-e', 'jx:cust-e/run-9/')).toEqual(second);
    expect(await coupons.latestInEnrolment('cust-e', 'jx:cust-e/run-8/')).toBeUndefined();
  });

  it("finds many enrolments' latest coupons in one read, each as the lone read finds it", async () => {
    const c = await generated();
    const other = await generated({ kind: 'percent', value: 15, codePrefix: 'PC-' });
    const run = uniqueId('run');
    await coupons.issue(c.id, 'cust-m1', `jm:cust-m1/${run}/a/1`);
    await new Promise((r) => setTimeout(r, 5));
    await coupons.issue(other.id, 'cust-m1', `jm:cust-m1/${run}/b/1`);
    await coupons.issue(c.id, 'cust-m2', `jm:cust-m2/${run}/a/1`);
    await coupons.issue(c.id, 'cust-m2', `jm:cust-m2/other-${run}/a/1`);
    const asked = [
      { customerId: 'cust-m1', keyPrefix: `jm:cust-m1/${run}/` },
      { customerId: 'cust-m2', keyPrefix: `jm:cust-m2/${run}/` },
      { customerId: 'cust-m3', keyPrefix: `jm:cust-m3/${run}/` },
      // Another customer's prefix finds nothing for this one.
      { customerId: 'cust-m2', keyPrefix: `jm:cust-m1/${run}/` },
      { customerId: 'cust-m1', keyPrefix: `jm:cust-m1/${run}/` },
    ];
    const many = await coupons.latestInEnrolments(asked);
    const lone = await Promise.all(asked.map((a) => coupons.latestInEnrolment(a.customerId, a.keyPrefix)));
    expect(many).toEqual(lone);
    expect(many.map((x) => x?.code.slice(0, 3))).toEqual(['PC-', 'HT-', undefined, undefined, 'PC-']);
    expect(await coupons.latestInEnrolments([])).toEqual([]);
  });

  it('refuses an unknown campaign with its id', async () => {
    await expect(coupons.issue('no-such', 'a', 'u/1/n/1')).rejects.toThrow('no coupon campaign "no-such"');
  });
});
