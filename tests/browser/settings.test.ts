import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Journey } from '../../engine/index';
import { loadFixture, shopOn } from '../facts/support';
import { artifact, startBrowserStack, type BrowserStack } from '../kpis/browser';

/**
 * The settings page in Chromium on the whole product: a tier threshold change is previewed with
 * the customers it moves and the journey it starts, cancelled (nothing stored), then confirmed
 * (stored, in the history); a bad value shows the server's message next to its field.
 */
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

const welcome: Journey = {
  schemaVersion: 1,
  id: 'senior-welcome',
  name: '高级会员欢迎',
  status: 'draft',
  version: 0,
  nodes: [
    {
      id: 'trigger',
      type: 'trigger.event',
      config: {
        eventType: 'customer.tier_changed',
        perOrder: false,
        condition: { all: [{ fact: 'event', path: '$.data.to', operator: 'equal', value: 'senior' }] },
      },
    },
    { id: 'done', type: 'exit', config: {} },
  ],
  edges: [{ from: 'trigger', port: 'next', to: 'done' }],
  settings: { timezone: 'Asia/Shanghai', reEntry: 'never', priority: 8, exitWhen: [] },
  layout: { positions: {} },
};

describe('settings page in the browser', () => {
  let b: BrowserStack;
  const stored = async () => (await b.stack.api('/api/settings')).body.settings;
  const history = async () => (await b.stack.api('/api/settings/changes')).body.changes as { paths: string[] }[];

  beforeAll(async () => {
    b = await startBrowserStack();
    await loadFixture(shopOn(b.stack.huitou.context.db), {
      customers: [{ id: 'c1' }, { id: 'c2' }, { id: 'c3' }, { id: 'c4' }],
      orders: [
        { id: 'o1', customer: 'c1', status: 'paid', amount: 1500, createdAt: daysAgo(10) },
        { id: 'o2', customer: 'c2', status: 'paid', amount: 600, createdAt: daysAgo(20) },
        { id: 'o3', customer: 'c3', status: 'paid', amount: 700, createdAt: daysAgo(30) },
        { id: 'o4', customer: 'c4', status: 'paid', amount: 3000, createdAt: daysAgo(40) },
      ],
    });
    expect((await b.stack.api('/api/facts/refresh', { method: 'POST' })).status).toBe(200);
    expect((await b.stack.api('/api/journeys', { body: welcome })).status).toBe(201);
    expect((await b.stack.api(`/api/journeys/${welcome.id}/publish`, { method: 'POST' })).status).toBe(200);
  });
  afterAll(() => b?.close());

  it('zh-CN: previews a tier threshold change, cancels, confirms, lists it; shows the server’s message by a bad field', async () => {
    const { page, errors } = await b.open('zh-CN');
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-tiers').waitFor();
    expect(await page.getByTestId('settings-priorities').innerText()).toContain('高级会员欢迎');
    expect(await page.getByTestId('settings-priorities').locator('a').getAttribute('href')).toBe('#/journeys/senior-welcome');

    // 高级会员 from ¥1,000 to ¥500: c2 (600) and c3 (700) move up; c1 and c4 are senior already.
    await page.getByTestId('field-tiers.1.minSpend').fill('500');
    await page.getByTestId('settings-save').click();
    const preview = page.getByTestId('settings-preview');
    await preview.waitFor();
    expect(await preview.getByTestId('move-tier').allInnerTexts()).toEqual(['将 2 位客户从 普通会员 移到 高级会员']);
    expect(await preview.getByTestId('preview-journeys').innerText()).toBe('会因此开始的旅程：高级会员欢迎（将进入 2 人）');
    await page.screenshot({ path: artifact('settings-preview-zh-CN.png') });
    await preview.getByTestId('preview-cancel').click();
    await expect.poll(() => preview.count()).toBe(0);
    expect((await stored()).tiers[1].minSpend).toBe(1000);
    expect(await history()).toEqual([]);

    await page.getByTestId('settings-save').click();
    await preview.getByTestId('preview-confirm').click();
    // Saved, and the facts refreshed at once: c2 and c3 are senior now (two tier changes).
    await expect.poll(() => page.getByTestId('settings-notice').innerText()).toBe('已保存，客户数据已刷新（2 项变化）。');
    expect((await stored()).tiers[1].minSpend).toBe(500);
    await expect.poll(() => page.getByTestId('settings-change').count()).toBe(1);
    expect(await page.getByTestId('settings-change').innerText()).toContain('tiers.1.minSpend: 1000 → 500');
    expect(await page.getByTestId('settings-change').innerText()).toContain('installation token（admin）');

    // A bad signature: the message beside the field is the server's own for it.
    await page.getByTestId('field-sms.signature').fill('回头');
    const server = await b.stack.api('/api/settings?locale=zh-CN', { method: 'PUT', body: { ...(await stored()), sms: { signature: '回头' } } });
    const message = server.body.problems.find((p: { path: string }) => p.path === 'sms.signature').message;
    await expect.poll(() => page.getByTestId('problem-sms.signature').innerText()).toBe(message);
    expect(message).toContain('【回头小店】');
    await page.getByTestId('settings-save').click(); // not a change that moves customers: straight to the server, which refuses it
    await expect.poll(() => page.getByTestId('problem-sms.signature').innerText()).toBe(message);
    expect((await stored()).sms.signature).toBeNull();
    await page.getByTestId('problem-sms.signature').scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifact('settings-zh-CN.png'), fullPage: true });
    expect(errors.filter((e) => !e.includes('400'))).toEqual([]);
    await page.context().close();
  });

  it('en: previews a VIP threshold change with the shop’s tier name and saves it', async () => {
    const { page, errors } = await b.open('en-US');
    await page.goto(`${b.stack.baseUrl}/#/settings`);
    await page.getByTestId('settings-tiers').waitFor();
    // VIP from ¥5,000 to ¥2,000, named by the shop: c4 (3000) moves from Senior.
    await page.getByTestId('field-tiers.2.minSpend').fill('2000');
    await page.getByTestId('field-tiers.2.name').fill('Gold');
    await page.getByTestId('settings-save').click();
    const preview = page.getByTestId('settings-preview');
    await preview.waitFor();
    expect(await preview.getByTestId('move-tier').allInnerTexts()).toEqual(['Moves 1 customer from Senior to Gold']);
    expect(await preview.getByTestId('preview-journeys').count()).toBe(0);
    await preview.getByTestId('preview-confirm').click();
    await expect.poll(() => page.getByTestId('settings-notice').innerText()).toBe('Saved; the customers’ facts were refreshed (1 change).');
    expect((await stored()).tiers[2]).toEqual({ id: 'vip', minSpend: 2000, minOrders: 10, name: 'Gold' });
    await expect.poll(() => page.getByTestId('settings-change').count()).toBe(2);
    expect(await page.getByTestId('settings-change').first().innerText()).toContain('tiers.2.minSpend: 5000 → 2000');
    // A bad number is named beside its field as it is typed.
    await page.getByTestId('field-lifecycle.activeDays').fill('200');
    await expect.poll(() => page.getByTestId('problem-lifecycle').innerText()).toBe('lifecycle: windows must go up: active < silent < sleeping');
    await page.getByTestId('problem-lifecycle').scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifact('settings-en.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });
  it('shows an analyst the settings read-only, with the history', async () => {
    const analyst = (await b.stack.api('/api/tokens', { body: { name: 'analysis', role: 'analyst' } })).body.token;
    const context = await b.browser.newContext({ viewport: { width: 1440, height: 1100 }, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${b.stack.baseUrl}/#token=${analyst}`);
    await page.getByTestId('nav-settings').click();
    await expect.poll(() => page.getByText('Only an admin may change the settings').count()).toBe(1);
    expect(await page.getByTestId('field-tiers.1.minSpend').isDisabled()).toBe(true);
    expect(await page.getByTestId('settings-save').count()).toBe(0);
    expect(await page.getByTestId('settings-change').count()).toBe(2);
    await context.close();
  });
});
