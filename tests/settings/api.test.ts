import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Journey } from '../../engine/index';
import { loadFixture, shopOn } from '../facts/support';
import { databaseKinds, freshPostgresUrl } from '../support/databases';
import { startStack, type Stack } from '../support/stack';

// The settings API on the whole stack, on both databases: the change log (who, when, before,
// after; nothing for a no-op), the preview against what a real refresh then does, and the roles.
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/** A live journey started by a facts change to `to` (the trigger's condition reads the change event). */
function startsOn(id: string, eventType: string, to: string): Journey {
  return {
    schemaVersion: 1,
    id,
    name: id,
    status: 'draft',
    version: 0,
    nodes: [
      {
        id: 'trigger',
        type: 'trigger.event',
        config: { eventType, perOrder: false, condition: { all: [{ fact: 'event', path: '$.data.to', operator: 'equal', value: to }] } },
      },
      { id: 'done', type: 'exit', config: {} },
    ],
    edges: [{ from: 'trigger', port: 'next', to: 'done' }],
    settings: { timezone: 'Asia/Shanghai', reEntry: 'never', priority: 7, exitWhen: [] },
    layout: { positions: {} },
  };
}

type Move = { from: string | null; to: string | null; customers: number };
const sorted = (moves: Move[]) => [...moves].sort((a, b) => `${a.from}>${a.to}`.localeCompare(`${b.from}>${b.to}`));

describe.each(databaseKinds)('settings API on %s', (kind) => {
  let stack: Stack;
  let ops: string;
  let analyst: string;
  const facts = async () =>
    (
      await sql<{ customer_id: string; stage: string; tier: string }>`select customer_id, stage, tier from customer_facts order by customer_id`.execute(
        stack.huitou.context.db,
      )
    ).rows;

  beforeAll(async () => {
    stack = await startStack(kind === 'postgresql' ? { databaseUrl: await freshPostgresUrl() } : {});
    await loadFixture(shopOn(stack.huitou.context.db), {
      customers: [{ id: 'c1' }, { id: 'c2' }, { id: 'c3' }, { id: 'c4' }, { id: 'c5' }],
      orders: [
        { id: 'o1', customer: 'c1', status: 'paid', amount: 1500, createdAt: daysAgo(10) },
        { id: 'o2', customer: 'c2', status: 'paid', amount: 300, createdAt: daysAgo(80) },
        { id: 'o3', customer: 'c2', status: 'paid', amount: 300, createdAt: daysAgo(60) },
        { id: 'o4', customer: 'c3', status: 'paid', amount: 700, createdAt: daysAgo(100) },
        { id: 'o5', customer: 'c5', status: 'paid', amount: 20, createdAt: daysAgo(65) },
      ],
    });
    expect((await stack.api('/api/facts/refresh', { method: 'POST' })).status).toBe(200);
    for (const journey of [startsOn('senior-welcome', 'customer.tier_changed', 'senior'), startsOn('back-to-active', 'customer.stage_changed', 'active')]) {
      expect((await stack.api('/api/journeys', { body: journey })).status).toBe(201);
      expect((await stack.api(`/api/journeys/${journey.id}/publish`, { method: 'POST' })).status).toBe(200);
    }
    ops = (await stack.api('/api/tokens', { body: { name: 'Ops Lead', role: 'admin' } })).body.token;
    analyst = (await stack.api('/api/tokens', { body: { name: 'analysis', role: 'analyst' } })).body.token;
  });
  afterAll(() => stack?.stop());

  const proposal = async () => {
    const { settings } = (await stack.api('/api/settings')).body;
    settings.tiers[1].minSpend = 500; // c2 (600) and c3 (700) become senior
    settings.lifecycle.activeDays = 70; // c2 (last 60 days ago) and c5 (65) become active
    return settings;
  };

  it('lets an analyst read the settings and their log, not change or preview them', async () => {
    const read = await stack.api('/api/settings', { token: analyst });
    expect(read.status).toBe(200);
    expect(read.body.journeys).toEqual([
      { id: 'back-to-active', name: 'back-to-active', priority: 7 },
      { id: 'senior-welcome', name: 'senior-welcome', priority: 7 },
    ]);
    expect((await stack.api('/api/settings/changes', { token: analyst })).body).toEqual({ changes: [], nextCursor: null });
    const body = await proposal();
    expect((await stack.api('/api/settings', { method: 'PUT', body, token: analyst })).status).toBe(403);
    expect((await stack.api('/api/settings/preview', { body, token: analyst })).status).toBe(403);
  });

  it('previews the moves a refresh with the proposed settings makes, stores nothing, and a real refresh then does the same', async () => {
    const before = await facts();
    const body = await proposal();
    const preview = await stack.api('/api/settings/preview', { body, token: ops });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(sorted(preview.body.stage)).toEqual([{ from: 'silent', to: 'active', customers: 2 }]);
    expect(sorted(preview.body.tier)).toEqual([{ from: 'ordinary', to: 'senior', customers: 2 }]);
    expect(preview.body.changed.sort()).toEqual(['lifecycle.activeDays', 'tiers.1.minSpend']);
    expect(preview.body.journeys).toEqual([
      { id: 'back-to-active', name: 'back-to-active', customers: 2 },
      { id: 'senior-welcome', name: 'senior-welcome', customers: 2 },
    ]);
    // Nothing stored: settings, facts, events and the log as they were.
    expect((await stack.api('/api/settings')).body.settings.tiers[1].minSpend).toBe(1000);
    expect(await facts()).toEqual(before);
    expect((await stack.api('/api/settings/changes')).body.changes).toEqual([]);

    expect((await stack.api('/api/settings', { method: 'PUT', body, token: ops })).status).toBe(200);
    expect((await stack.api('/api/facts/refresh', { method: 'POST' })).status).toBe(200);
    const after = new Map((await facts()).map((r) => [r.customer_id, r]));
    const moved = (column: 'stage' | 'tier') => {
      const counts = new Map<string, Move>();
      for (const b of before) {
        const to = after.get(b.customer_id)![column];
        if (to === b[column]) continue;
        const key = `${b[column]}>${to}`;
        counts.set(key, { from: b[column], to, customers: (counts.get(key)?.customers ?? 0) + 1 });
      }
      return sorted([...counts.values()]);
    };
    expect(sorted(preview.body.stage)).toEqual(moved('stage'));
    expect(sorted(preview.body.tier)).toEqual(moved('tier'));
  });

  it('logs who changed what, when, before and after; a write of the same settings logs nothing', async () => {
    const log = (await stack.api('/api/settings/changes', { token: analyst })).body;
    expect(log.changes).toHaveLength(1);
    const [entry] = log.changes;
    expect(entry.actor).toMatchObject({ name: 'Ops Lead', role: 'admin' });
    expect(Date.now() - Date.parse(entry.changedAt)).toBeLessThan(10 * 60_000);
    expect(entry.paths.sort()).toEqual(['lifecycle.activeDays', 'tiers.1.minSpend']);
    expect([entry.before.tiers[1].minSpend, entry.after.tiers[1].minSpend]).toEqual([1000, 500]);
    expect([entry.before.lifecycle.activeDays, entry.after.lifecycle.activeDays]).toEqual([45, 70]);

    const same = await stack.api('/api/settings', { method: 'PUT', body: entry.after, token: ops });
    expect(same.body.changed).toEqual([]);
    expect((await stack.api('/api/settings/changes')).body.changes).toHaveLength(1);

    // The installation's own token, and keyset pages newest first.
    await stack.api('/api/settings', { method: 'PUT', body: { ...entry.after, sms: { signature: '【回头小店】' } } });
    const first = (await stack.api('/api/settings/changes?limit=1')).body;
    expect(first.changes[0]).toMatchObject({ actor: { name: 'installation token', role: 'admin' }, paths: ['sms.signature'] });
    const next = (await stack.api(`/api/settings/changes?limit=1&cursor=${first.nextCursor}`)).body;
    expect(next.changes[0].seq).toBe(entry.seq);
    expect(next.nextCursor).toBeNull();
  });

  it("names bad fields in the caller's language, in PUT and preview alike", async () => {
    const body = { sms: { signature: '回头' }, tiers: [{ id: 'ordinary', minSpend: -1, minOrders: 0, name: '' }] };
    for (const path of ['/api/settings', '/api/settings/preview']) {
      const bad = await stack.api(`${path}?locale=zh-CN`, { method: path.endsWith('preview') ? 'POST' : 'PUT', body });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toBe('invalid_settings');
      const byPath = Object.fromEntries(bad.body.problems.map((p: { path: string; message: string }) => [p.path, p.message]));
      expect(byPath['sms.signature']).toBe('sms.signature：应为【】内 2 到 12 个字，例如【回头小店】');
      expect(Object.keys(byPath).sort()).toEqual(['sms.signature', 'tiers.0.minSpend', 'tiers.0.name']);
    }
    const en = await stack.api('/api/settings', { method: 'PUT', body });
    expect(en.body.problems.find((p: { path: string }) => p.path === 'sms.signature').message).toBe(
      'sms.signature: must be 2 to 12 characters inside 【】, e.g. 【回头小店】',
    );
  });
});
