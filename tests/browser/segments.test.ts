import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, daysBefore, loadFixture, shopOn } from '../facts/support';
import { artifact, startBrowserStack, type BrowserStack } from '../kpis/browser';

const today = new Date().toISOString().slice(0, 10);
const recent = at(daysBefore(today, 3));

/**
 * The segments page in Chromium on the real stack, in both languages: a segment built with the
 * condition builder shows its live count and sample from the stored facts, and is saved with it.
 */
describe('segments in the browser', () => {
  let b: BrowserStack;
  beforeAll(async () => {
    b = await startBrowserStack();
    await loadFixture(shopOn(b.stack.huitou.context.db), {
      customers: [
        { id: 'b1', name: '林小姐', phone: '13912345678' },
        { id: 'b2', name: '王先生', phone: '13800001111' },
        { id: 'b3', name: '张女士' },
      ],
      orders: [
        { id: 'o1', customer: 'b1', status: 'paid', amount: 100, createdAt: recent },
        { id: 'o2', customer: 'b1', status: 'paid', amount: 80, createdAt: recent },
        { id: 'o3', customer: 'b2', status: 'paid', amount: 100, createdAt: recent },
        { id: 'o4', customer: 'b2', status: 'paid', amount: 100, createdAt: recent },
        { id: 'o5', customer: 'b3', status: 'paid', amount: 50, createdAt: recent },
      ],
    });
    expect((await b.stack.api('/api/facts/refresh', { method: 'POST' })).status).toBe(200);
  });
  afterAll(() => b?.close());

  for (const [locale, name, expected] of [
    ['zh-CN', '复购客户', { count: '2', unit: '位客户当前符合' }],
    ['en-US', 'Repeat buyers', { count: '2', unit: 'customers match now' }],
  ] as const) {
    it(`builds a segment with the condition builder, sees its live count and saves it (${locale})`, async () => {
      const { page, errors } = await b.open(locale);
      await page.getByTestId('nav-segments').click();
      await page.getByTestId('segments-page').waitFor();
      await page.getByTestId('segment-new').click();
      await page.getByTestId('segment-name').fill(name);
      // Everyone first (an empty condition), then repeat buyers.
      await expect
        .poll(() =>
          page
            .getByTestId('segment-preview-count')
            .innerText()
            .catch(() => ''),
        )
        .toBe('3');
      await page.getByTestId('condition-segment-add').click();
      await page.getByTestId('condition-segment-0-fact').selectOption('orderCount');
      await page.getByTestId('condition-segment-0-operator').selectOption('greaterThanInclusive');
      await page.getByTestId('condition-segment-0-value').fill('2');
      await expect
        .poll(() =>
          page
            .getByTestId('segment-preview-count')
            .innerText()
            .catch(() => ''),
        )
        .toBe(expected.count);
      expect(await page.getByTestId('segment-preview').innerText()).toContain(expected.unit);
      const sample = await page.getByTestId('segment-preview-sample').innerText();
      // The admin's token sees the contacts; the sample shows the fact the condition reads.
      expect(sample).toContain('林小姐');
      expect(await page.getByTestId('segment-preview-sample').locator('th[data-fact="orderCount"]').count()).toBe(1);
      await page.screenshot({ path: artifact(`segments-${locale === 'zh-CN' ? 'zh-CN' : 'en'}.png`), fullPage: true });

      await page.getByTestId('segment-save').click();
      await page.getByTestId('segment-editor').waitFor({ state: 'detached' });
      const row = page.getByTestId('segment-list').locator('tr', { hasText: name });
      await row.waitFor();
      expect(await row.locator('[data-testid^="segment-count-"]').innerText()).toBe('2');
      // The installation's token is an admin's: the export is offered.
      expect(await row.locator('[data-testid^="segment-export-"]').count()).toBe(1);
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }
});
