import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixture, shopOn } from '../facts/support';
import { artifact, startBrowserStack, type BrowserStack } from '../kpis/browser';

/**
 * Consent on the customers pages in Chromium, in Chinese and English: 王芳 replied 退订 to an SMS;
 * the filter bar's 已退订 · 营销短信 lists her alone, and her page says she unsubscribed from SMS by
 * reply while email stays subscribed.
 */
describe('consent on the customers pages in the browser', () => {
  let b: BrowserStack;
  beforeAll(async () => {
    b = await startBrowserStack();
    await loadFixture(shopOn(b.stack.huitou.context.db), {
      customers: [
        { id: 'k1', name: '王芳', phone: '13800001234', email: 'wang@example.com' },
        { id: 'k2', name: '李四', phone: '13900005678' },
        { id: 'k3', name: '张三', phone: '13700001111' },
      ],
      orders: [],
    });
    const replied = await b.stack.api('/api/channels/sms/inbound', { body: { phone: '+86 138 0000 1234', text: '退订' } });
    expect(replied.body).toMatchObject({ action: 'unsubscribe', changed: 1 });
    expect((await b.stack.api('/api/facts/refresh', { method: 'POST' })).status).toBe(200);
  });
  afterAll(() => b?.close());

  for (const [locale, words] of [
    ['zh-CN', { unsubscribed: '已退订', subscribed: '已订阅', via: '短信回复', never: '未变更过' }],
    ['en-US', { unsubscribed: 'Unsubscribed', subscribed: 'Subscribed', via: 'SMS reply', never: 'never changed' }],
  ] as const) {
    it(`filters the unsubscribed and shows a customer's consent, ${locale}`, async () => {
      const { page, errors } = await b.open(locale);
      await page.getByTestId('nav-customers').click();
      await expect.poll(() => page.getByTestId('customer-row').count()).toBe(3);
      await page.getByTestId('filter-unsubscribed').selectOption('sms');
      await page.getByTestId('filter-apply').click();
      await expect.poll(() => page.getByTestId('customer-row').count()).toBe(1);
      expect(page.url()).toContain('unsubscribed=sms');
      expect(await page.getByTestId('customer-row').first().getAttribute('data-id')).toBe('k1');

      await page.locator('[data-testid="customer-row"][data-id="k1"] a').click();
      const sms = page.getByTestId('subscription-sms');
      await expect.poll(() => sms.getAttribute('data-state')).toBe('unsubscribed');
      expect(await sms.innerText()).toContain(words.unsubscribed);
      expect(await sms.innerText()).toContain(words.via);
      const email = page.getByTestId('subscription-email');
      expect(await email.getAttribute('data-state')).toBe('subscribed');
      expect(await email.innerText()).toContain(words.subscribed);
      expect(await email.innerText()).toContain(words.never);
      await page.screenshot({ path: artifact(`consent-${locale === 'zh-CN' ? 'zh-CN' : 'en'}.png`), fullPage: true });
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }
});
