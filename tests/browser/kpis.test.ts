import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifact, startBrowserStack, type BrowserStack } from '../kpis/browser';
import { AS_OF_DATE, insertFixture } from '../kpis/fixture';

/**
 * The KPI board in Chromium on the real stack, over the hand-counted shop of tests/kpis/fixture.ts
 * (tests/kpis/kpis.test.ts explains each number).
 */
describe('KPI board in the browser', () => {
  let b: BrowserStack;
  beforeAll(async () => {
    b = await startBrowserStack();
    await insertFixture(b.stack.huitou.context.db);
  });
  afterAll(() => b?.close());

  it("shows the fixture's figures, charts and definitions", async () => {
    const { page, errors } = await b.open('en-US');
    await page.getByTestId('nav-kpis').click();
    await page.getByTestId('kpi-page').waitFor();
    expect(page.url()).toMatch(/#\/kpis$/);
    expect(await page.getByTestId('nav-kpis').getAttribute('aria-current')).toBe('page');
    // As of now the fixture's orders (all before July 2026) may be old; pick the fixture's date.
    await expect.poll(() => page.getByTestId('kpi-page').getAttribute('data-state')).toBe('ready');
    await page.getByTestId('kpi-asof').fill(AS_OF_DATE);
    // As of now the board may also show 12 buyers: wait for the figures of the date asked for.
    await expect.poll(() => page.url()).toContain(`#/kpis?asOf=${AS_OF_DATE}`);
    await expect.poll(() => page.getByTestId('kpi-returning-value').innerText()).toBe('58.3%'); // 7 of 12
    expect(await page.getByTestId('kpi-rolling-value').innerText()).toBe('12');
    expect(await page.getByTestId('kpi-aov-value').innerText()).toBe('¥168.24');
    const cell = (w: string) => page.getByTestId(`kpi-repurchase-${w}`).innerText();
    expect(await cell('within45')).toBe('0–45 days\n50.0%\n2 of 4');
    expect(await cell('d45to90')).toBe('46–90 days\n33.3%\n1 of 3');
    expect(await cell('d90to140')).toBe('91–140 days\n50.0%\n1 of 2');
    expect(await cell('over140')).toBe('over 140 days\n66.7%\n2 of 3');

    // Charts: two trend lines over 12 points; a bar per stage with its count.
    const customers = page.getByTestId('trend-customers');
    await expect.poll(() => customers.locator('.recharts-line').count()).toBe(2);
    expect(await customers.locator('.recharts-line-dots').first().locator('circle').count()).toBe(12);
    expect(await customers.locator('.recharts-line-curve').first().getAttribute('d')).toMatch(/^M/);
    const stage = page.getByTestId('dist-stage');
    await expect.poll(() => stage.locator('.recharts-bar-rectangle').count()).toBe(5);
    // Bar labels (SVG text) appear once the bars have grown: active silent sleeping lost none.
    await expect.poll(() => stage.locator('.recharts-label-list text').allTextContents()).toEqual(['8', '2', '1', '2', '2']);
    // Tiers: ordinary senior vip (supreme has no customers, so no bar and no label).
    await expect.poll(() => page.getByTestId('dist-tier').locator('.recharts-label-list text').allTextContents()).toEqual(['11', '2', '1']);
    expect(JSON.parse((await page.getByTestId('dist-tier').getAttribute('data-counts'))!)).toEqual({ ordinary: 11, senior: 2, vip: 1, supreme: 0 });
    expect(await page.getByTestId('rfm-none').isVisible()).toBe(true); // no facts snapshot yet

    // The definition shows on hover.
    expect(await page.getByTestId('definition-rollingCustomers-text').count()).toBe(0);
    await page.getByTestId('definition-rollingCustomers').hover();
    const definition = page.getByTestId('definition-rollingCustomers-text');
    await definition.waitFor();
    expect(await definition.innerText()).toContain('at least one counted order placed in the 365 days');
    await page.waitForTimeout(600); // let the charts' entry animation finish for the picture
    await page.screenshot({ path: artifact('kpis.png'), fullPage: true });
    await page.mouse.move(5, 1000);
    await expect.poll(() => definition.count()).toBe(0);

    // The repurchase definition carries the shop's windows and the period length.
    await page.getByTestId('definition-repurchase').hover();
    expect(await page.getByTestId('definition-repurchase-text').innerText()).toContain('The period is the 30 days before the as-of moment');

    // In Chinese: labels and definitions follow the language switch.
    await page.getByTestId('language-toggle').click();
    await expect.poll(() => page.getByTestId('nav-kpis').innerText()).toBe('指标看板');
    await page.getByTestId('definition-returningRatio').hover();
    expect(await page.getByTestId('definition-returningRatio-text').innerText()).toContain('至少购买过两次');
    expect(await page.getByTestId('kpi-repurchase-over140').innerText()).toContain('140 天以上');
    await page.waitForTimeout(300);
    await page.screenshot({ path: artifact('kpis-zh-CN.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('says when there is nothing to show, and shows a refused date', async () => {
    const { page, errors } = await b.open('en-US');
    await page.goto(`${b.stack.baseUrl}/#/kpis?asOf=2020-01-01`);
    await page.getByTestId('kpi-empty').waitFor();
    expect(await page.getByTestId('kpi-empty').innerText()).toContain('No counted orders as of Jan 1, 2020');
    expect(await page.getByTestId('kpi-rolling-value').innerText()).toBe('0');

    await page.goto(`${b.stack.baseUrl}/#/kpis?asOf=2026-13-01`);
    await page.reload();
    const error = page.getByTestId('kpi-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('asOf: must be a date (YYYY-MM-DD)');
    // Chromium logs the refused request; nothing else went wrong.
    expect(errors).toEqual([expect.stringContaining('status of 400')]);
    await page.context().close();
  });

  it('keeps the journey designer working beside the new sections', async () => {
    const { page, errors } = await b.open('en-US');
    await page.getByTestId('nav-data').click();
    await page.getByTestId('data-page').waitFor();
    await page.getByTestId('nav-journeys').click();
    await page.getByTestId('new-journey-name').fill('Nav check');
    await page.getByTestId('new-journey-create').click();
    await page.getByTestId('canvas-empty').waitFor();
    // Away to the board and back: the open journey is still there.
    await page.getByTestId('nav-kpis').click();
    await page.getByTestId('kpi-page').waitFor();
    expect(await page.getByTestId('save').count()).toBe(0); // the editor's toolbar belongs to journeys
    await page.getByTestId('nav-journeys').click();
    await page.getByTestId('canvas-empty').waitFor();
    expect(await page.getByTestId('journey-name').inputValue()).toBe('Nav check');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
