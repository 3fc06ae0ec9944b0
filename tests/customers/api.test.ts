import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerFactCatalog } from '../../engine/index';
import { at, loadFixture, shopOn } from '../facts/support';
import { startStack, type Stack } from '../support/stack';

// The customers API on the whole stack (admin token: PII in full; roles.test.ts covers the others).
const asOf = at('2026-06-30', '12:00');

describe('customers API', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
    await loadFixture(shopOn(stack.huitou.context.db), {
      customers: [
        { id: 'c1', name: '王芳', phone: '13812341234', email: 'alice@x.com', birthday: '1990-07-02', region: '浙江', manualTags: ['老客'] },
        { id: 'c2', name: '李四', phone: '13900001111' },
        { id: 'c3' },
        { id: 'c4' },
      ],
      orders: [
        { id: 'o1', customer: 'c1', status: 'paid', amount: 100, createdAt: at('2026-06-20') },
        { id: 'o2', customer: 'c1', status: 'delivered', amount: 1000, createdAt: at('2026-05-01') },
        { id: 'o3', customer: 'c2', status: 'paid', amount: 50, createdAt: at('2026-01-10') },
        { id: 'o4', customer: 'c4', status: 'paid', amount: 80, createdAt: at('2026-06-29') },
        { id: 'o5', customer: 'c4', status: 'refunded', amount: 80, createdAt: at('2026-06-29') },
      ],
    });
  });
  afterAll(() => stack?.stop());

  it('answers one customer with the facts under their catalog names', async () => {
    const res = await stack.api(`/api/customers/c1?asOf=${encodeURIComponent(asOf)}`);
    expect(res.status).toBe(200);
    expect(res.body.customer).toEqual({
      id: 'c1',
      name: '王芳',
      phone: '13812341234',
      email: 'alice@x.com',
      birthday: '1990-07-02',
      timezone: null,
      region: '浙江',
      attributes: {},
    });
    expect(Object.keys(res.body.facts).sort()).toEqual(customerFactCatalog.map((f) => f.name).sort());
    expect(res.body.facts).toMatchObject({
      orderCount: 2,
      totalSpend: 1100,
      aov: 550,
      recencyDays: 10,
      lifecycleStage: 'active',
      tier: 'senior',
      tags: ['老客'],
      daysToBirthday: 2,
    });
  });

  it('takes asOf as a date (the end of that day in the shop zone) and refuses a bad one', async () => {
    const byDate = await stack.api('/api/customers/c1?asOf=2026-06-19');
    expect(byDate.body.facts).toMatchObject({ orderCount: 1, lastOrderAt: '2026-05-01T02:00:00.000Z', recencyDays: 49, lifecycleStage: 'silent' });
    const bad = await stack.api('/api/customers/c1?asOf=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.problems).toEqual([expect.objectContaining({ path: 'asOf' })]);
  });

  it('answers 404 for a customer nobody knows', async () => {
    const res = await stack.api('/api/customers/nobody');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'not_found', message: 'no customer with id "nobody"' });
  });

  it('lists the refreshed snapshot with filters and keyset pages', async () => {
    const refresh = await stack.api(`/api/facts/refresh?asOf=${encodeURIComponent(asOf)}`, { method: 'POST' });
    expect(refresh.status).toBe(200);
    // The first snapshot sets where everyone stands: no change to announce, no event stored.
    expect(refresh.body).toMatchObject({
      asOf: new Date(asOf).toISOString(),
      mode: 'full',
      reason: 'no earlier snapshot',
      customers: 4,
      changes: { stage_changed: 0, tier_changed: 0, tagged: 0 },
      eventsStored: 0,
    });
    const events = await stack.huitou.context.db.selectFrom('events').select(['type', 'customer_id']).where('type', 'like', 'customer.%').execute();
    expect(events).toEqual([]);

    const all = await stack.api('/api/customers');
    expect(all.body.customers.map((c: { id: string }) => c.id)).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(all.body.customers[0]).toEqual({
      id: 'c1',
      name: '王芳',
      phone: '13812341234',
      email: 'alice@x.com',
      region: '浙江',
      stage: 'active',
      tier: 'senior',
      rfmSegment: all.body.customers[0].facts.rfm.segment,
      tags: ['老客'],
      facts: expect.objectContaining({ orderCount: 2, lifecycleStage: 'active' }),
    });
    expect(all.body.nextCursor).toBeNull();

    const ids = async (query: string) => ((await stack.api(`/api/customers?${query}`)).body.customers as { id: string }[]).map((c) => c.id);
    expect(await ids('stage=active')).toEqual(['c1', 'c4']);
    expect(await ids('stage=none')).toEqual(['c3']);
    expect(await ids('stage=lost')).toEqual(['c2']); // 171 days
    expect(await ids('stage=sleeping')).toEqual([]);
    expect(await ids('tier=senior')).toEqual(['c1']);
    expect(await ids('tag=老客')).toEqual(['c1']);
    expect(await ids('tag=%E8%80%81%E5%AE%A2&stage=active')).toEqual(['c1']);
    const segment = all.body.customers[3].facts.rfm.segment as string;
    expect(await ids(`rfm=${segment}`)).toContain('c4');

    // Two at a time: the cursor is the last id of the page.
    const first = await stack.api('/api/customers?limit=2');
    expect(first.body.customers.map((c: { id: string }) => c.id)).toEqual(['c1', 'c2']);
    expect(first.body.nextCursor).toBe('c2');
    const second = await stack.api(`/api/customers?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.customers.map((c: { id: string }) => c.id)).toEqual(['c3', 'c4']);
    expect(second.body.nextCursor).toBeNull(); // nothing after c4
    const third = await stack.api('/api/customers?limit=2&cursor=c4');
    expect(third.body).toEqual({ customers: [], nextCursor: null });
  });

  it('refreshes the changed customers alone when it can, every customer when asked', async () => {
    const when = encodeURIComponent(asOf);
    await stack.huitou.context.db.updateTable('customers').set({ region: '上海' }).where('id', '=', 'c2').execute();
    const changed = await stack.api(`/api/facts/refresh?asOf=${when}`, { method: 'POST' });
    expect(changed.body).toMatchObject({ mode: 'changed', recomputed: 1, customers: 4, changes: { stage_changed: 0, tier_changed: 0, tagged: 0 } });
    expect(changed.body.reason).toBeUndefined();
    // Forty days on, c1 (last order 50 days before) turns silent: stored as an event journeys can start on.
    const fortyDaysOn = await stack.api(`/api/facts/refresh?asOf=${encodeURIComponent(at('2026-08-09', '12:00'))}`, { method: 'POST' });
    expect(fortyDaysOn.body).toMatchObject({ mode: 'changed', changes: { stage_changed: 1, tier_changed: 0, tagged: 0 }, eventsStored: 1 });
    const stageEvents = await stack.huitou.context.db
      .selectFrom('events')
      .select(['customer_id', 'data'])
      .where('type', '=', 'customer.stage_changed')
      .execute();
    expect(stageEvents).toEqual([{ customer_id: 'c1', data: { from: 'active', to: 'silent' } }]);
    const full = await stack.api(`/api/facts/refresh?asOf=${when}&full=true`, { method: 'POST' });
    expect(full.body).toMatchObject({ mode: 'full', reason: 'asked for', customers: 4 });
    const bad = await stack.api(`/api/facts/refresh?full=yes`, { method: 'POST' });
    expect(bad.status).toBe(400);
    expect(bad.body.problems).toEqual([expect.objectContaining({ path: 'full' })]);
  });

  it('refuses bad filters, naming each', async () => {
    const res = await stack.api('/api/customers?stage=dormant&tier=gold&rfm=whales&limit=0');
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_query');
    expect(res.body.problems.map((p: { path: string }) => p.path)).toEqual(['stage', 'tier', 'rfm', 'limit']);
    expect((await stack.api('/api/customers?limit=501')).status).toBe(400);
  });

  it('adds and removes manual tags, refreshing the customer', async () => {
    const put = await stack.api('/api/customers/c2/tags/%E5%9B%9E%E8%AE%BF', { method: 'PUT' });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ changed: true, tags: ['回访'] });
    expect((await stack.api('/api/customers/c2/tags/回访', { method: 'PUT' })).body.changed).toBe(false);
    expect((await stack.api('/api/customers?tag=%E5%9B%9E%E8%AE%BF')).body.customers.map((c: { id: string }) => c.id)).toEqual(['c2']);
    const tagged = await stack.huitou.context.db
      .selectFrom('events')
      .select('data')
      .where('type', '=', 'customer.tagged')
      .where('customer_id', '=', 'c2')
      .execute();
    expect(tagged.map((e) => e.data)).toEqual([{ tag: '回访' }]);

    const del = await stack.api('/api/customers/c2/tags/%E5%9B%9E%E8%AE%BF', { method: 'DELETE' });
    expect(del.body).toEqual({ changed: true, tags: [] });
    expect((await stack.api('/api/customers?tag=%E5%9B%9E%E8%AE%BF')).body.customers).toEqual([]);
    expect((await stack.api('/api/customers/nobody/tags/x', { method: 'PUT' })).status).toBe(404);
    const blank = await stack.api('/api/customers/c2/tags/%20', { method: 'PUT' });
    expect(blank.status).toBe(400);
    expect(blank.body.problems).toEqual([expect.objectContaining({ path: 'tag' })]);
  });

  it('reads and changes the shop settings, refusing bad ones field by field', async () => {
    const got = await stack.api('/api/settings');
    expect(got.body.settings).toMatchObject({
      timezone: 'Asia/Shanghai',
      rfm: { windowDays: 365, scoring: 'quintiles' },
      lifecycle: { mode: 'windows', activeDays: 45 },
    });
    expect(got.body.population).toMatchObject({ asOf: new Date(asOf).toISOString() });

    const bad = await stack.api('/api/settings', {
      method: 'PUT',
      body: {
        timezone: 'Asia/Beijing',
        lifecycle: { activeDays: 100, silentDays: 90 },
        rfm: { ranges: { recencyDays: [1, 2], frequency: [1, 2, 3, 4], monetary: [4, 3, 2, 1] } },
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('invalid_settings');
    expect(bad.body.problems.map((p: { path: string }) => p.path).sort()).toEqual(['lifecycle', 'rfm.ranges.monetary', 'rfm.ranges.recencyDays', 'timezone']);
    expect((await stack.api('/api/settings')).body.settings.timezone).toBe('Asia/Shanghai');

    const put = await stack.api('/api/settings', { method: 'PUT', body: { lifecycle: { activeDays: 5, silentDays: 20, sleepingDays: 60 } } });
    expect(put.status).toBe(200);
    expect(put.body.settings.lifecycle).toEqual({ mode: 'windows', activeDays: 5, silentDays: 20, sleepingDays: 60 });
    // Per-customer facts follow at once; c1 last bought 10 days before asOf.
    expect((await stack.api(`/api/customers/c1?asOf=${encodeURIComponent(asOf)}`)).body.facts.lifecycleStage).toBe('silent');
    await stack.api('/api/settings', { method: 'PUT', body: {} });
  });
});
