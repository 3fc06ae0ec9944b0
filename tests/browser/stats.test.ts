import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Journey } from '../../engine/journey/schema';
import { artifact, startBrowserStack, type BrowserStack } from '../kpis/browser';
import { eventually, orderEvent, uniqueId } from '../support/journeys';
import { statsJourney } from '../support/stats-journey';
import { DesignerPage } from './designer-page';

/** Top-down on the canvas. */
const layout = {
  positions: {
    trigger: { x: 260, y: 20 },
    wait: { x: 260, y: 170 },
    big: { x: 260, y: 320 },
    sms: { x: 80, y: 480 },
    small: { x: 440, y: 480 },
    done: { x: 80, y: 640 },
  },
};

/**
 * Live figures on the canvas in Chromium, on the whole product: version 1 ran four orders to the
 * end (one small, one SMS capped by the 1-a-day cap), version 2 holds customers in a day-long
 * wait. The 数据 toggle shows each step's figures for all versions or one, follows new entries by
 * itself, and the stop button asks first, then takes the waiting customers out.
 */
describe('live figures and stop in the browser', () => {
  let b: BrowserStack;
  let journey: Journey;
  const post = async (customer: string, amount: number, phone?: string) =>
    expect(
      (await b.stack.api('/api/events', { body: orderEvent('order.created', customer, uniqueId('o'), { amount, ...(phone ? { customer: { phone } } : {}) }) }))
        .status,
    ).toBe(202);
  const stats = async (query: string) =>
    Object.fromEntries(
      ((await b.stack.api(`/api/journeys/${journey.id}/stats${query}`)).body.nodes as { nodeId: string }[]).map((n) => [n.nodeId, n]),
    ) as unknown as Record<string, Record<string, number>>;

  beforeAll(async () => {
    b = await startBrowserStack();
    const settings = (await b.stack.api('/api/settings')).body.settings;
    const messaging = { ...settings.messaging, frequencyCaps: [{ channel: 'sms', max: 1, within: 'P1D' }], arbitrationSeconds: 1 };
    expect((await b.stack.api('/api/settings', { method: 'PUT', body: { ...settings, messaging } })).status).toBe(200);
    journey = statsJourney('PT2S', { name: '下单感谢', layout });
    expect((await b.stack.api('/api/journeys', { body: journey })).status).toBe(201);
    expect((await b.stack.api(`/api/journeys/${journey.id}/publish`, { method: 'POST' })).body.version).toBe(1);
    const a = uniqueId('c');
    await post(a, 150, '13800001111');
    await post(uniqueId('c'), 50, '13800002222');
    await post(uniqueId('c'), 300, '13800003333');
    await post(a, 200);
    await eventually(async () => {
      const f = await stats('?version=1');
      return f.done?.entered === 3 && f.small?.entered === 1 && f.sms?.sent === 2 && f.sms?.capped === 1 ? true : undefined;
    }, 60_000);
    // Version 2 waits a day: its customers are still inside while the page is open.
    const v2 = structuredClone(journey);
    v2.nodes.find((n) => n.id === 'wait')!.config = { duration: 'P1D' };
    expect((await b.stack.api(`/api/journeys/${journey.id}`, { method: 'PUT', body: v2 })).status).toBe(200);
    expect((await b.stack.api(`/api/journeys/${journey.id}/publish`, { method: 'POST' })).body.version).toBe(2);
    await post(uniqueId('c'), 120);
    await post(uniqueId('c'), 80);
    await eventually(async () => ((await stats('?version=2')).wait?.waiting === 2 ? true : undefined));
  }, 180_000);
  afterAll(() => b?.close());

  it('shows each step’s figures per version, follows new entries, and stops the journey after a confirmation', async () => {
    const { page, errors } = await b.open('zh-CN');
    const d = new DesignerPage(page);
    await d.byTestId(`open-${journey.id}`).click();
    await expect.poll(() => d.stepIds()).toContain('small');
    const figure = (node: string, key: string) => d.byTestId(`node-stat-${node}-${key}`).innerText();

    expect(await d.byTestId('stats-toggle').innerText()).toBe('数据');
    expect(await d.byTestId('node-stats-wait').count()).toBe(0);
    await d.byTestId('stats-toggle').click();
    // All versions together.
    await expect.poll(() => figure('wait', 'entered').catch(() => '')).toBe('6');
    expect(await figure('wait', 'waiting')).toBe('2');
    expect(await figure('wait', 'passed')).toBe('4');
    expect(await figure('trigger', 'entered')).toBe('6');
    expect(await figure('big', 'passed')).toBe('4');
    expect(await figure('sms', 'entered')).toBe('3');
    expect(await figure('sms', 'sent')).toBe('2');
    expect(await figure('sms', 'capped')).toBe('1');
    expect(await figure('done', 'entered')).toBe('3');
    expect(await figure('small', 'entered')).toBe('1');
    expect(await d.byTestId('node-stats-sms').innerText()).toContain('限频');
    expect(await d.byTestId('node-stats-wait').innerText()).toContain('等待中');
    expect(await d.byTestId('stats-asof').innerText()).toMatch(/^更新于 /);
    // The whole graph in view for the picture, SMS step and exits included.
    await page.locator('.react-flow__controls-fitview').click();
    await page.screenshot({ path: artifact('stats-all-versions.png') });

    // One version at a time.
    const versions = await d.byTestId('stats-version').locator('option').allInnerTexts();
    expect(versions).toEqual(['全部版本', '版本 2', '版本 1']);
    await d.byTestId('stats-version').selectOption('1');
    await expect.poll(() => figure('wait', 'entered').catch(() => '')).toBe('4');
    expect(await figure('wait', 'waiting')).toBe('0');
    expect(await figure('sms', 'sent')).toBe('2');
    await d.byTestId('stats-version').selectOption('2');
    await expect.poll(() => figure('wait', 'entered').catch(() => '')).toBe('2');
    expect(await figure('wait', 'waiting')).toBe('2');
    expect(await figure('sms', 'entered')).toBe('0');

    // A new customer enters: the figures follow without a click (they are read every 5 s).
    await post(uniqueId('c'), 60);
    await expect.poll(() => figure('wait', 'waiting'), { timeout: 15_000, interval: 500 }).toBe('3');
    await page.screenshot({ path: artifact('stats-version-2.png') });

    // Stop asks first; cancelling changes nothing.
    expect(await d.byTestId('stop').innerText()).toBe('停止');
    await d.byTestId('stop').click();
    expect(await d.byTestId('stop-dialog').innerText()).toContain('不可撤销');
    await d.byTestId('stop-cancel').click();
    expect(await d.byTestId('stop-dialog').count()).toBe(0);
    expect(await d.byTestId('status-badge').getAttribute('data-status')).toBe('live');
    await d.byTestId('stop').click();
    await page.screenshot({ path: artifact('stats-stop-confirm.png') });
    await d.byTestId('stop-confirm').click();
    await expect.poll(() => d.byTestId('status-badge').getAttribute('data-status')).toBe('stopped');
    expect(await d.byTestId('stop').count()).toBe(0);
    expect(await d.byTestId('notice').innerText()).toContain('已停止，3 位旅程中的客户已退出');
    // The customers who waited have left the wait.
    await d.byTestId('stats-refresh').click();
    await expect.poll(() => figure('wait', 'waiting'), { timeout: 15_000, interval: 500 }).toBe('0');
    expect(await figure('wait', 'entered')).toBe('3');
    expect(await figure('wait', 'passed')).toBe('0');
    await page.screenshot({ path: artifact('stats-stopped.png') });
    expect(errors).toEqual([]);
  });
});
