import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Journey } from '../../engine/journey/schema';
import { artifact, startBrowserStack, type BrowserStack } from '../kpis/browser';
import { DesignerPage } from './designer-page';

/**
 * The template gallery in Chromium on the whole product: a marketer opens it from the journey
 * list, sees the shipped templates in Chinese, picks 生日祝福送券 and lands in the editor with its
 * steps on the canvas; the server holds the new draft.
 */
describe('template gallery in the browser', () => {
  let b: BrowserStack;
  beforeAll(async () => {
    b = await startBrowserStack();
  });
  afterAll(() => b?.close());

  const chineseNames = ['生日祝福送券', '双11 三波预热', '新客关怀', '下单未付款催付', '沉默客户激活', '流失客户召回'];

  it('makes a draft from 生日祝福送券 and opens it in the editor', async () => {
    const { page, errors } = await b.open('zh-CN');
    const d = new DesignerPage(page);
    expect(await d.byTestId('open-template-gallery').innerText()).toBe('从模板新建');
    await d.byTestId('open-template-gallery').click();
    const gallery = d.byTestId('template-gallery');
    await expect.poll(() => gallery.locator('.template-name').allInnerTexts()).toEqual(expect.arrayContaining(chineseNames));
    expect(await gallery.locator('.template-card').count()).toBe(7);

    const card = d.byTestId('template-birthday-greeting');
    expect(await card.locator('.template-description').innerText()).toBe('客户生日当天上午送上祝福和生日券。');
    expect(await card.locator('.template-meta').innerText()).toBe('6 个步骤 · 短信');
    // The thumbnail: a box per step, a line per connection, coloured by kind.
    expect(await card.locator('svg rect').count()).toBe(6);
    expect(await card.locator('svg line').count()).toBeGreaterThanOrEqual(5);
    expect(await card.locator('svg rect[data-node-type="trigger.date"]').count()).toBe(1);
    expect(await d.byTestId('template-silent-reactivation').locator('.template-meta').innerText()).toContain('短信、邮件');
    await page.screenshot({ path: artifact('template-gallery.png'), fullPage: true });

    await d.byTestId('use-template-birthday-greeting').click();
    await expect.poll(() => d.stepIds(), { timeout: 10_000 }).toEqual(['trigger', 'morning', 'birthday-coupon', 'greeting', 'greeting-only', 'done']);
    expect(await d.byTestId('node-trigger').getAttribute('data-node-type')).toBe('trigger.date');
    expect(await d.byTestId('status-badge').getAttribute('data-status')).toBe('draft');
    expect(await d.byTestId('journey-name').inputValue()).toBe('生日祝福送券');
    expect(page.url()).toContain('#/journeys/');

    // The server holds the draft, in Chinese, with the coupon campaign its step names.
    const id = page.url().split('#/journeys/')[1]!;
    const { status, body } = await b.stack.api<{ journey: Journey }>(`/api/journeys/${id}`);
    expect(status).toBe(200);
    expect(body.journey).toMatchObject({ id, name: '生日祝福送券', status: 'draft' });
    expect(body.journey.nodes.map((n) => n.id)).toEqual(['trigger', 'morning', 'birthday-coupon', 'greeting', 'greeting-only', 'done']);
    expect(String(body.journey.nodes.find((n) => n.id === 'greeting')!.config.template)).toContain('生日快乐');
    const campaigns = await b.stack.api<{ campaigns: { id: string }[] }>('/api/coupons/campaigns');
    expect(campaigns.body.campaigns.map((c) => c.id)).toContain('birthday');
    await page.screenshot({ path: artifact('template-journey.png') });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('makes the Double 11 journey for the event date chosen in the gallery', async () => {
    const { page, errors } = await b.open('zh-CN');
    const d = new DesignerPage(page);
    await d.byTestId('open-template-gallery').click();
    const date = d.byTestId('template-event-date-double11-waves');
    // The default: the next Double 11 whose first wave is still ahead.
    await expect.poll(() => date.inputValue()).toMatch(/^\d{4}-11-11$/);
    expect(await d.byTestId('template-double11-waves').innerText()).toContain('活动日期');
    await date.fill('2030-11-11');
    await d.byTestId('use-template-double11-waves').click();
    await expect.poll(() => page.url(), { timeout: 10_000 }).toContain('#/journeys/double11-waves-');
    const id = page.url().split('#/journeys/')[1]!;
    const { body } = await b.stack.api<{ journey: Journey }>(`/api/journeys/${id}`);
    const config = (nodeId: string) => body.journey.nodes.find((n) => n.id === nodeId)!.config;
    expect([config('trigger').at, config('until-wave2').dateTime, config('until-wave3').dateTime]).toEqual([
      '2030-10-27T10:00',
      '2030-11-06T10:00',
      '2030-11-10T10:00',
    ]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('lists the templates in English, and follows a language switch', async () => {
    const { page, errors } = await b.open('en-US');
    await page.getByTestId('open-template-gallery').click();
    const names = () => page.getByTestId('template-gallery').locator('.template-name').allInnerTexts();
    await expect.poll(names).toContain('Birthday greeting with coupon');
    expect(await page.getByTestId('template-birthday-greeting').locator('.template-meta').innerText()).toBe('6 steps · SMS');
    expect(await page.getByTestId('use-template-birthday-greeting').innerText()).toBe('Use this template');
    await page.getByTestId('language-toggle').click();
    await expect.poll(names).toContain('生日祝福送券');
    expect(await page.getByTestId('use-template-birthday-greeting').innerText()).toBe('使用此模板');
    await page.getByTestId('template-gallery-close').click();
    expect(await page.getByTestId('template-gallery').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
