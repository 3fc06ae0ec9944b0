import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Journey } from '../../engine/journey/schema';
import { artifact, startBrowserStack, type BrowserStack } from '../kpis/browser';
import { DesignerPage } from './designer-page';

/**
 * Simulate and publish in Chromium on the whole product, in Chinese: the payment reminder
 * (下单未付款催付) from its template, a made-up customer's unpaid order played on the virtual
 * clock (the SMS on the timeline, the path lit on the canvas), then the order paid in time (no
 * SMS, out through the paid exit); publish asks first with the worst case for one customer.
 */
describe('simulate and publish in the browser', () => {
  let b: BrowserStack;
  beforeAll(async () => {
    b = await startBrowserStack();
  });
  afterAll(() => b?.close());

  it('plays the payment reminder for a made-up customer, lights its path, then publishes after the summary', async () => {
    const { page, errors } = await b.open('zh-CN');
    const d = new DesignerPage(page);
    await d.byTestId('open-template-gallery').click();
    await d.byTestId('use-template-payment-reminder').click();
    await expect.poll(() => d.stepIds(), { timeout: 10_000 }).toEqual(['trigger', 'await-payment', 'paid', 'high-value', 'call-task', 'reminder-sms', 'done']);

    await d.byTestId('simulate-toggle').click();
    const panel = d.byTestId('simulate-panel');
    expect(await panel.locator('h2').innerText()).toBe('模拟运行');
    await d.byTestId('sim-name').fill('王芳');
    await d.byTestId('sim-phone').fill('13800001234');
    expect(await d.byTestId('sim-timezone').inputValue()).toBe('Asia/Shanghai');
    await d.byTestId('sim-orderCount').fill('2');
    await d.byTestId('sim-stage').selectOption('active');
    // 10:00 in Shanghai: outside any quiet hours, so the SMS goes at once.
    await d.byTestId('sim-start').fill('2026-11-10T10:00');
    // The timeline starts with the event the trigger listens for, with an order to pay.
    expect(await d.byTestId('sim-event-0-type').inputValue()).toBe('order.created');
    expect(await d.byTestId('sim-event-0-offset').inputValue()).toBe('+0');
    expect(JSON.parse(await d.byTestId('sim-event-0-data').inputValue())).toEqual({ orderId: 'SIM-1001', amount: 199 });

    await d.byTestId('sim-play').click();
    const timeline = d.byTestId('sim-timeline');
    const sms = timeline.locator('li[data-kind="message"]');
    await expect.poll(() => sms.count(), { timeout: 10_000 }).toBe(1);
    const smsText = await sms.innerText();
    expect(smsText).toContain('短信');
    expect(smsText).toContain('已发送');
    expect(smsText).toContain('11月10日 10:25');
    expect(smsText).toContain('+25 分钟');
    expect(smsText).toContain('亲爱的王芳，您的订单SIM-1001还未付款');
    expect(await timeline.locator('li[data-node-id="high-value"]').innerText()).toContain('走「否」分支');
    expect(await timeline.locator('li[data-kind="end"]').innerText()).toContain('到达结束，离开旅程');

    // The path on the canvas: visited steps with their first virtual time, taken edges.
    expect(await d.byTestId('node-sim-trigger').innerText()).toBe('10:00');
    expect(await d.byTestId('node-sim-high-value').innerText()).toBe('10:25');
    expect(await d.byTestId('node-sim-reminder-sms').innerText()).toBe('10:25');
    expect(await d.byTestId('node-sim-call-task').count()).toBe(0);
    expect(await d.byTestId('node-sim-paid').count()).toBe(0);
    expect(await d.edge('high-value', 'no', 'reminder-sms').getAttribute('class')).toContain('is-simulated');
    expect(await d.edge('await-payment', 'timeout', 'high-value').getAttribute('class')).toContain('is-simulated');
    expect(await d.edge('high-value', 'yes', 'call-task').getAttribute('class')).not.toContain('is-simulated');
    await page.screenshot({ path: artifact('simulate-unpaid.png') });

    // A timeline entry selects its step.
    await sms.locator('button').click();
    await expect.poll(() => d.byTestId('inspector').getAttribute('data-node-id')).toBe('reminder-sms');

    // The order is paid ten minutes in: no SMS, out through the paid exit.
    await d.byTestId('sim-add-event').click();
    expect(await d.byTestId('sim-event-1-type').inputValue()).toBe('order.paid');
    expect(await d.byTestId('sim-event-1-offset').inputValue()).toBe('+10m');
    expect(JSON.parse(await d.byTestId('sim-event-1-data').inputValue())).toEqual({ orderId: 'SIM-1001' });
    await d.byTestId('sim-play').click();
    await expect.poll(() => timeline.locator('li[data-node-id="await-payment"]').innerText()).toContain('收到 order.paid');
    expect(await sms.count()).toBe(0);
    expect(await timeline.locator('li[data-kind="end"]').innerText()).toContain('到达结束，离开旅程');
    expect(await timeline.locator('li[data-kind="end"]').getAttribute('data-node-id')).toBe('paid');
    expect(await d.byTestId('node-sim-paid').innerText()).toBe('10:10');
    expect(await d.byTestId('node-sim-reminder-sms').count()).toBe(0);
    expect(await d.edge('await-payment', 'event', 'paid').getAttribute('class')).toContain('is-simulated');
    await page.screenshot({ path: artifact('simulate-paid.png') });

    // What the marketer typed wrong is named by its field, and nothing is asked of the server.
    await d.byTestId('sim-event-1-offset').fill('soon');
    await d.byTestId('sim-play').click();
    await expect.poll(() => d.byTestId('sim-errors').innerText()).toContain('events[1].offset');
    await d.byTestId('sim-event-1-offset').fill('+10m');

    // A change to the journey clears the result: it described another document.
    await d.byTestId('sim-play').click();
    await d.byTestId('node-sim-paid').waitFor();
    await d.byTestId('journey-name').fill('下单未付款催付（模拟后发布）');
    await expect.poll(() => page.locator('.step-sim-badge').count()).toBe(0);
    expect(await timeline.count()).toBe(0);
    // Closing the panel clears it too.
    await d.byTestId('sim-play').click();
    await d.byTestId('node-sim-paid').waitFor();
    await d.byTestId('simulate-close').click();
    expect(await page.locator('.step-sim-badge').count()).toBe(0);
    expect(await page.locator('.react-flow__edge.is-simulated').count()).toBe(0);

    // Publish asks first, with the worst case for one customer; cancel changes nothing.
    await d.byTestId('publish').click();
    const dialog = d.byTestId('publish-dialog');
    expect(await dialog.locator('h2').innerText()).toBe('发布「下单未付款催付（模拟后发布）」？');
    await expect.poll(() => d.byTestId('publish-messages').innerText(), { timeout: 10_000 }).toBe('最多 1 条短信、1 个客服任务');
    expect(await d.byTestId('publish-stay').innerText()).toBe('最长 25 分钟');
    expect(await d.byTestId('publish-entry').innerText()).toBe('每个订单只进入一次');
    expect(await d.byTestId('publish-version').innerText()).toContain('第 1 版');
    await page.screenshot({ path: artifact('publish-dialog.png') });
    await d.byTestId('publish-cancel').click();
    expect(await dialog.count()).toBe(0);
    expect(await d.byTestId('status-badge').getAttribute('data-status')).toBe('draft');

    await d.publishConfirmed();
    await expect.poll(() => d.byTestId('status-badge').getAttribute('data-status'), { timeout: 15_000 }).toBe('live');
    const id = page.url().split('#/journeys/')[1]!;
    const { body } = await b.stack.api<{ journey: Journey }>(`/api/journeys/${id}`);
    expect(body.journey).toMatchObject({ name: '下单未付款催付（模拟后发布）', status: 'live', version: 1 });

    // Live: publishing again says how many customers inside stay on their versions. One order
    // enrols a customer, who waits for the payment.
    const order = {
      id: 'sim-live-order',
      type: 'order.created',
      customerId: 'live-buyer-1',
      occurredAt: new Date().toISOString(),
      data: { orderId: 'LIVE-1', amount: 88 },
    };
    expect((await b.stack.api('/api/events', { method: 'POST', body: order })).status).toBe(202);
    await expect
      .poll(
        async () => {
          await d.byTestId('publish').click();
          await d.byTestId('publish-version').waitFor();
          // The figures arrive after the summary; give them a moment before reading.
          await page.waitForTimeout(300);
          const text = await d.byTestId('publish-version').innerText();
          await d.byTestId('publish-cancel').click();
          return text;
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe('新进入的客户使用第 2 版；目前在旅程中的 1 位客户留在各自进入时的版本。');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('simulates a stored customer, on the wall clock of their own time zone', async () => {
    const event = {
      id: 'sim-real-profile',
      type: 'customer.updated',
      customerId: 'real-buyer-1',
      occurredAt: '2026-11-01T00:00:00Z',
      data: { name: '李雷', phone: '13900002222', timezone: 'America/New_York' },
    };
    expect((await b.stack.api('/api/events', { method: 'POST', body: event })).status).toBe(202);
    expect((await b.stack.api('/api/facts/refresh', { method: 'POST' })).status).toBe(200);

    const { page, errors } = await b.open('zh-CN');
    const d = new DesignerPage(page);
    await d.byTestId('open-template-gallery').click();
    await d.byTestId('use-template-payment-reminder').click();
    await expect.poll(() => d.stepIds(), { timeout: 10_000 }).toHaveLength(7);
    await d.byTestId('simulate-toggle').click();
    await d.byTestId('sim-customer-real').check();
    await d.byTestId('sim-customer-load').click();
    await d.byTestId('sim-customer-filter').fill('real-buyer');
    await d.byTestId('sim-pick-real-buyer-1').click();
    await d.byTestId('sim-start').fill('2026-11-10T10:00');
    await d.byTestId('sim-play').click();
    const sms = d.byTestId('sim-timeline').locator('li[data-kind="message"]');
    await expect.poll(() => sms.count(), { timeout: 10_000 }).toBe(1);
    // 10:00 in New York, not Shanghai: the customer's own zone, as a real run uses it.
    expect(await d.byTestId('simulate-panel').locator('.sim-timeline').innerText()).toContain('America/New_York');
    expect(await sms.innerText()).toContain('11月10日 10:25');
    expect(await sms.innerText()).toContain('李雷');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('with a problem, publish lists it and cannot go on; a problem selects its step', async () => {
    const { page, errors } = await b.open('zh-CN');
    const d = new DesignerPage(page);
    await d.byTestId('open-template-gallery').click();
    await d.byTestId('use-template-payment-reminder').click();
    await expect.poll(() => d.stepIds(), { timeout: 10_000 }).toHaveLength(7);
    const stray = await d.addStepWithKeyboard('message.send');
    await expect.poll(() => d.problemsOf(stray).then((p) => p.length)).toBeGreaterThan(0);

    await d.byTestId('publish').click();
    await expect.poll(() => d.byTestId('publish-problems').locator('li').count()).toBeGreaterThan(0);
    expect(await d.byTestId('publish-confirm').isDisabled()).toBe(true);
    expect(await d.byTestId('publish-summary').count()).toBe(0);
    await page.screenshot({ path: artifact('publish-dialog-problems.png') });
    await d.byTestId('publish-cancel').click();

    // Clicking a problem selects its step and brings it into view.
    await d.select('trigger');
    await d.byTestId('problems-panel').locator(`li[data-node-id="${stray}"] button`).first().click();
    await expect.poll(() => d.byTestId('inspector').getAttribute('data-node-id')).toBe(stray);
    const canvas = (await d.byTestId('canvas').boundingBox())!;
    await expect
      .poll(async () => {
        const node = (await d.byTestId(`node-${stray}`).boundingBox())!;
        return (
          Math.abs(node.x + node.width / 2 - (canvas.x + canvas.width / 2)) < 40 && Math.abs(node.y + node.height / 2 - (canvas.y + canvas.height / 2)) < 40
        );
      })
      .toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
