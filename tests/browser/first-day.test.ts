import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { artifact, startBrowserStack, type BrowserStack } from '../kpis/browser';
import { DesignerPage } from './designer-page';

/**
 * A marketer's first day, in Chinese, through the designer only (README "A first day without
 * code"): import the sample shop on the Data page → raise nobody's tier by hand but set the tier
 * thresholds and confirm the preview → add the tag rule 油性肤质 on a category → build the segment
 * of those customers and read its count → broadcast an exclusive offer to it from a template → the
 * first message in 发送记录. Then every section is photographed in both languages. The time each
 * stage took is written as an artifact.
 */
const sections = ['journeys', 'kpis', 'customers', 'segments', 'tags', 'data', 'messages', 'settings'] as const;
const number = (text: string) => Number(text.replace(/[^\d]/g, ''));

describe('a first day without code, in Chinese', () => {
  let b: BrowserStack;
  beforeAll(async () => {
    b = await startBrowserStack();
  });
  afterAll(() => b?.close());

  it('goes from an empty shop to a sent exclusive offer', { timeout: 300_000 }, async () => {
    const started = Date.now();
    const stages: Record<string, number> = {};
    const mark = (stage: string) => (stages[stage] = Math.round((Date.now() - started) / 100) / 10);
    const { page, errors } = await b.open('zh-CN');
    const d = new DesignerPage(page);

    // 1. 数据 → 导入示例店铺.
    await d.byTestId('nav-data').click();
    await d.byTestId('sample-import').click();
    await expect.poll(() => d.byTestId('sample-done').innerText(), { timeout: 60_000 }).toContain('已导入 40 个商品、500 位客户和 3,000 笔订单');
    mark('sample shop imported');

    // 2. 店铺设置 → 高级会员 from ¥1,000 to ¥800, previewed and confirmed.
    await d.byTestId('nav-settings').click();
    await d.byTestId('field-tiers.1.minSpend').fill('800');
    await d.byTestId('settings-save').click();
    const preview = d.byTestId('settings-preview');
    await preview.waitFor();
    const moves = await preview.getByTestId('move-tier').allInnerTexts();
    expect(moves.some((m) => /^将 [\d,]+ 位客户从 普通会员 移到 高级会员$/.test(m))).toBe(true);
    await page.screenshot({ path: artifact('first-day-settings-preview.png') });
    await preview.getByTestId('preview-confirm').click();
    await expect.poll(() => preview.count()).toBe(0);
    await expect.poll(async () => (await b.stack.api('/api/settings')).body.settings.tiers[1].minSpend).toBe(800);
    mark('tier thresholds set');

    // 3. 标签 → 买过类目 护肤 → 油性肤质, with its live count.
    await d.byTestId('nav-tags').click();
    await d.byTestId('rule-new').click();
    await d.byTestId('rule-tag').fill('油性肤质');
    await d.byTestId('rule-categories-护肤').check();
    await expect.poll(() => d.byTestId('rule-preview-count').getAttribute('data-count')).toMatch(/^[1-9]\d*$/);
    const tagged = Number(await d.byTestId('rule-preview-count').getAttribute('data-count'));
    await d.byTestId('rule-save').click();
    await d.byTestId('rule-form').waitFor({ state: 'detached' });
    await expect.poll(() => d.byTestId('rule-count-油性肤质').getAttribute('data-count')).toBe(String(tagged));
    mark('tag rule added');

    // 4. 人群 → the customers tagged 油性肤质: its live count is the rule's (the save started the refresh).
    await d.byTestId('nav-segments').click();
    await d.byTestId('segment-new').click();
    await d.byTestId('segment-name').fill('油性肤质客户');
    await d.byTestId('condition-segment-add').click();
    await d.byTestId('condition-segment-0-fact').selectOption('tags');
    await d.byTestId('condition-segment-0-operator').selectOption('contains');
    await fillValue(page, 'condition-segment-0-value', '油性肤质');
    await expect.poll(() => segmentCount(page), { timeout: 30_000 }).toBe(tagged);
    await page.screenshot({ path: artifact('first-day-segment.png'), fullPage: true });
    await d.byTestId('segment-save').click();
    await d.byTestId('segment-editor').waitFor({ state: 'detached' });
    const row = d.byTestId('segment-list').locator('tr', { hasText: '油性肤质客户' });
    await expect.poll(async () => number(await row.locator('[data-testid^="segment-count-"]').innerText())).toBe(tagged);
    mark('segment counted');

    // 5. 旅程 → 从模板新建 → 人群专属优惠: the segment, a time already passed, the audience's size, publish.
    await d.byTestId('nav-journeys').click();
    await d.byTestId('open-template-gallery').click();
    await d.byTestId('use-template-exclusive-offer').click();
    await expect.poll(() => d.stepIds(), { timeout: 10_000 }).toContain('offer-sms');
    const inspector = await d.select('trigger');
    const picker = inspector.locator('select[data-testid^="segment-picker-"]');
    await picker.selectOption({ label: `油性肤质客户 (${tagged.toLocaleString('zh-CN')})` });
    await inspector.locator('input[type="datetime-local"]').fill('2026-12-01T10:00');
    // The step on the canvas names the segment, not its id.
    await expect.poll(() => d.byTestId('node-trigger').locator('.step-summary').innerText()).toContain('油性肤质客户');
    const audience = async () =>
      number(
        await inspector
          .getByTestId('broadcast-preview-count')
          .innerText()
          .catch(() => ''),
      );
    await expect.poll(audience).toBe(tagged);
    await d.byTestId('publish').click();
    await d.byTestId('publish-summary').waitFor();
    await page.screenshot({ path: artifact('first-day-publish.png') });
    await d.byTestId('publish-confirm').click();
    await expect.poll(() => d.byTestId('status-badge').getAttribute('data-status'), { timeout: 15_000 }).toBe('live');
    const journeyId = decodeURIComponent(page.url().split('#/journeys/')[1]!);
    mark('broadcast published');

    // 6. 发送记录: the first exclusive offer sent.
    await d.byTestId('nav-messages').click();
    const sent = page.locator(`[data-testid="message-row"][data-journey="${journeyId}"][data-status="sent"]`);
    await expect.poll(() => sent.count(), { timeout: 120_000, interval: 1_000 }).toBeGreaterThan(0);
    expect(await sent.first().locator('td').nth(4).innerText()).toContain('专属优惠券');
    mark('first offer sent');
    await page.screenshot({ path: artifact('first-day-sent.png'), fullPage: true });
    writeFileSync(artifact('first-day-timings.json'), `${JSON.stringify(stages, null, 2)}\n`);

    // Every section, in both languages, for the record.
    for (const locale of ['zh-CN', 'en'] as const) {
      if (locale === 'en') await d.byTestId('language-toggle').click();
      for (const section of sections) {
        await d.byTestId(`nav-${section}`).click();
        await page.waitForTimeout(800);
        await page.screenshot({ path: artifact(`page-${section}-${locale}.png`), fullPage: true });
      }
      const customer = (await b.stack.api('/api/customers?limit=1')).body.customers[0].id as string;
      await page.goto(`${b.stack.baseUrl}/#/customers/${encodeURIComponent(customer)}`);
      await d.byTestId('customer-profile').waitFor();
      await page.waitForTimeout(800);
      await page.screenshot({ path: artifact(`page-customer-${locale}.png`), fullPage: true });
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

/** The segment editor's live count, or -1 while it is not shown. */
async function segmentCount(page: Page): Promise<number> {
  const text = await page
    .getByTestId('segment-preview-count')
    .innerText()
    .catch(() => '');
  return text === '' ? -1 : number(text);
}

/** A condition's value: a text input, or a picker of the shop's tags. */
async function fillValue(page: Page, testId: string, value: string): Promise<void> {
  const field = page.getByTestId(testId);
  if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
  else await field.fill(value);
}
