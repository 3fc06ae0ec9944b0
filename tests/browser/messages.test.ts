import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/config';
import { artifact, startBrowserStack, type BrowserStack } from '../kpis/browser';

/**
 * The messages page in Chromium on the whole product: a marketer who has published the payment
 * reminder posts a test order from the page (no request written by hand) and watches the reminder
 * SMS arrive in the list; a paid order sends nothing. Recipients are masked for a marketer.
 */
describe('messages page in the browser', () => {
  let b: BrowserStack;
  beforeAll(async () => {
    b = await startBrowserStack();
    // The shipped example with its 25-minute wait shortened, as the README shows for trying it.
    const doc = JSON.parse(readFileSync(join(projectRoot, 'examples/journeys/payment-reminder.json'), 'utf8').replace('"PT25M"', '"PT3S"'));
    doc.id = 'pay-remind-ui';
    expect((await b.stack.api('/api/journeys', { body: doc })).status).toBe(201);
    expect((await b.stack.api('/api/journeys/pay-remind-ui/publish', { method: 'POST' })).status).toBe(200);
  });
  afterAll(() => b?.close());

  it('posts a test order and shows the reminder SMS it caused, in Chinese', async () => {
    const { page, errors } = await b.open('zh-CN');
    await page.getByTestId('nav-messages').click();
    expect(await page.getByTestId('nav-messages').innerText()).toBe('发送记录');
    await expect.poll(() => page.getByTestId('messages-page').getAttribute('data-state')).toBe('ready');
    expect(await page.getByTestId('messages-empty').isVisible()).toBe(true);

    await page.getByTestId('test-event-customer').fill('ui-buyer-1');
    await page.getByTestId('test-event-name').fill('王芳');
    await page.getByTestId('test-event-phone').fill('13800001234');
    await page.getByTestId('test-event-order').fill('TB-UI-1');
    await page.getByTestId('test-event-amount').fill('128');
    expect(await page.getByTestId('test-event-type').inputValue()).toBe('order.created');
    await page.getByTestId('test-event-send').click();
    await expect.poll(() => page.getByTestId('test-event-sent').innerText()).toContain('order.created');

    // The journey waits 3 s for payment, then sends; the page refreshes itself.
    const row = page.locator('[data-testid="message-row"][data-journey="pay-remind-ui"]');
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 20_000 }).toBe('sent');
    expect(await row.getAttribute('data-channel')).toBe('sms');
    expect(await row.getAttribute('data-node')).toBe('reminder-sms');
    const cells = await row.locator('td').allInnerTexts();
    expect(cells[2]).toBe('短信');
    expect(cells[3]).toBe('13800001234'); // the admin token sees the address in full
    expect(cells[4]).toContain('亲爱的王芳，您的订单TB-UI-1还未付款');
    expect(cells[5]).toBe('已发送');
    await page.screenshot({ path: artifact('messages-page.png'), fullPage: true });

    // A paid order: created then paid within the wait → no second message.
    await page.getByTestId('test-event-order').fill('TB-UI-2');
    await page.getByTestId('test-event-send').click();
    await expect.poll(() => page.getByTestId('test-event-sent').innerText()).toContain('order.created');
    await page.getByTestId('test-event-type').selectOption('order.paid');
    await page.getByTestId('test-event-send').click();
    await expect.poll(() => page.getByTestId('test-event-sent').innerText()).toContain('order.paid');
    // Wait past the 3 s timeout of the second order, then check nothing more was sent.
    await page.waitForTimeout(6_000);
    await page.getByTestId('messages-refresh').click();
    expect(await row.count()).toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('names the field of a refused test event', async () => {
    const { page, errors } = await b.open('en-US');
    await page.getByTestId('nav-messages').click();
    await page.getByTestId('test-event-amount').fill('-5');
    await page.getByTestId('test-event-send').click();
    await expect.poll(() => page.getByTestId('test-event-refused').innerText()).toContain('data.amount');
    // The failed request is the one error the console shows.
    expect(errors.filter((e) => !e.includes('400'))).toEqual([]);
    await page.context().close();
  });

  it('masks the recipient for a marketer', async () => {
    const marketer = (await b.stack.api('/api/tokens', { body: { name: 'ops', role: 'marketer' } })).body.token as string;
    const list = await b.stack.api<{ messages: { recipient: string; channel: string }[] }>('/api/messages?journeyId=pay-remind-ui', { token: marketer });
    expect(list.status).toBe(200);
    expect(list.body.messages.map((m) => [m.channel, m.recipient])).toEqual([['sms', '138****1234']]);
    const admin = await b.stack.api<{ messages: { recipient: string }[] }>('/api/messages?journeyId=pay-remind-ui');
    expect(admin.body.messages[0]!.recipient).toBe('13800001234');
  });

  it('says why a message was not sent, in the reader’s language', async () => {
    // A customer without a phone number: the reminder has nobody to go to.
    const order = {
      id: 'evt-ui-nophone',
      type: 'order.created',
      customerId: 'ui-nophone',
      occurredAt: new Date().toISOString(),
      data: { orderId: 'TB-UI-3', amount: 88 },
    };
    expect((await b.stack.api('/api/events', { body: order })).status).toBe(202);
    for (const [locale, text] of [
      ['zh-CN', '已跳过：没有联系方式'],
      ['en-US', 'Skipped: no recipient'],
    ] as const) {
      const { page, errors } = await b.open(locale);
      await page.getByTestId('nav-messages').click();
      const row = page.locator('[data-testid="message-row"][data-status="skipped_no_recipient"]');
      await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
      expect(await row.getByTestId('message-reason').getAttribute('data-reason')).toBe('no_recipient');
      expect(await row.getByTestId('message-reason').innerText()).toBe(text);
      // A delivered message has nothing to explain.
      const sent = page.locator('[data-testid="message-row"][data-status="sent"]').first();
      expect(await sent.getByTestId('message-reason').innerText()).toBe('');
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });
});
