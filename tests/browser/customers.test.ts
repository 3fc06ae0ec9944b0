import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Journey } from '../../engine/index';
import { loadFixture, shopOn, type FixtureCustomer, type FixtureOrder } from '../facts/support';
import { artifact, startBrowserStack, type BrowserStack } from '../kpis/browser';
import { contactEvents } from '../pii/contact-journey';
import { eventually } from '../support/journeys';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
const two = (i: number) => String(i).padStart(2, '0');

/**
 * The customers section in Chromium on the whole product, in Chinese and English: filter the list
 * by stage and tag, see the count, page through it, open a customer, add and remove a manual tag,
 * and see their orders, the journey they wait in, its message and their coupon.
 *
 * The shop: b01–b55 bought 5 days ago and carry the manual tag 老客, b56–b60 bought 200 days ago
 * (lost) without it, and vip-1 (老客, bought 3 days ago) went through a real journey that issued a
 * coupon, sent an SMS and waits a day. Active with 老客: 56 customers, two pages of 50.
 */
describe('customers pages in the browser', () => {
  let b: BrowserStack;
  beforeAll(async () => {
    b = await startBrowserStack();
    const customers: FixtureCustomer[] = [];
    const orders: FixtureOrder[] = [];
    for (let i = 1; i <= 60; i++) {
      customers.push({ id: `b${two(i)}`, name: `顾客${two(i)}`, region: i % 2 ? '浙江' : '广东', ...(i <= 55 ? { manualTags: ['老客'] } : {}) });
      orders.push({ id: `ob${two(i)}`, customer: `b${two(i)}`, status: 'paid', amount: 100 + i, createdAt: daysAgo(i <= 55 ? 5 : 200) });
    }
    customers.push({ id: 'vip-1', manualTags: ['老客'] });
    orders.push({ id: 'ov1', customer: 'vip-1', status: 'delivered', amount: 1288, createdAt: daysAgo(3) });
    await loadFixture(shopOn(b.stack.huitou.context.db), { customers, orders });

    const campaign = await b.stack.api('/api/coupons/campaigns', {
      body: { name: '回头礼', kind: 'amount', value: 10, minimumSpend: 0, validDays: 7, codeSource: 'generated', codePrefix: 'BACK-' },
    });
    const journey: Journey = {
      schemaVersion: 1,
      id: 'care-ui',
      name: '购后关怀',
      status: 'draft',
      version: 0,
      nodes: [
        { id: 'trigger', type: 'trigger.event', config: { eventType: 'order.created', perOrder: false } },
        { id: 'coupon', type: 'coupon.issue', config: { campaignId: campaign.body.campaign.id } },
        { id: 'sms', type: 'message.send', config: { channel: 'sms', transactional: true, template: '{{customer.name}}您好，券{{coupon.code}}已到账' } },
        { id: 'pause', type: 'wait', config: { duration: 'P1D' } },
        { id: 'done', type: 'exit', config: {} },
        { id: 'none', type: 'exit', config: {} },
      ],
      edges: [
        { from: 'trigger', port: 'next', to: 'coupon' },
        { from: 'coupon', port: 'next', to: 'sms' },
        { from: 'coupon', port: 'exhausted', to: 'none' },
        { from: 'sms', port: 'next', to: 'pause' },
        { from: 'pause', port: 'next', to: 'done' },
      ],
      settings: { timezone: 'Asia/Shanghai', reEntry: 'never', priority: 5, exitWhen: [] },
      layout: { positions: {} },
    };
    expect((await b.stack.api('/api/journeys', { body: journey })).status).toBe(201);
    expect((await b.stack.api('/api/journeys/care-ui/publish', { method: 'POST' })).status).toBe(200);
    for (const event of contactEvents('vip-1')) expect((await b.stack.api('/api/events', { body: event })).status).toBe(202);
    await eventually(async () => {
      const { body } = await b.stack.api('/api/customers/vip-1/activity');
      return body?.journeys?.[0]?.step && body.messages.length === 1 ? true : undefined;
    });
    expect((await b.stack.api('/api/facts/refresh', { method: 'POST' })).status).toBe(200);
  });
  afterAll(() => b?.close());

  const rows = (page: Page) => page.getByTestId('customer-row');

  async function walk(locale: 'zh-CN' | 'en-US', words: { count: string; stage: string; journey: string; tagRule: string }) {
    const { page, errors } = await b.open(locale);
    await page.getByTestId('nav-customers').click();
    await expect.poll(() => rows(page).count()).toBe(50);
    await expect.poll(() => page.getByTestId('customer-count').innerText()).toContain('61');

    await page.getByTestId('filter-stage').selectOption('active');
    await page.getByTestId('filter-tag').fill('老客');
    await page.getByTestId('filter-apply').click();
    await expect.poll(() => page.getByTestId('customer-count').innerText()).toContain(words.count);
    expect(page.url()).toContain('stage=active');
    await expect.poll(() => rows(page).count()).toBe(50);
    expect(await rows(page).first().getAttribute('data-id')).toBe('b01');
    expect(await rows(page).first().innerText()).toContain(words.stage);
    await page.screenshot({ path: artifact(`customers-${locale === 'zh-CN' ? 'zh-CN' : 'en'}.png`), fullPage: true });

    await page.getByTestId('page-next').click();
    await expect.poll(() => rows(page).count()).toBe(6);
    expect(await rows(page).last().getAttribute('data-id')).toBe('vip-1');
    await page.getByTestId('page-previous').click();
    await expect.poll(() => rows(page).first().getAttribute('data-id')).toBe('b01');
    await page.getByTestId('page-next').click();
    await expect.poll(() => rows(page).count()).toBe(6);

    await page.locator('[data-testid="customer-row"][data-id="vip-1"] a').click();
    expect(page.url()).toContain('#/customers/vip-1');
    await expect.poll(() => page.getByTestId('customer-profile').innerText()).toContain('林晓雯');
    await expect.poll(() => page.getByTestId('explain-stage').innerText()).toContain(words.stage);
    expect(await page.getByTestId('explain-r').innerText()).toMatch(/^R \d/);
    expect(await page.getByTestId('explain-tier').innerText()).toContain('1,288');
    await expect.poll(() => page.getByTestId('customer-orders').innerText()).toContain('1,288');
    expect(await page.getByTestId('customer-journeys').innerText()).toContain('购后关怀');
    expect(await page.getByTestId('customer-journeys').innerText()).toContain(words.journey);
    expect(await page.getByTestId('customer-messages').innerText()).toContain('林晓雯您好，券BACK-');
    expect(await page.getByTestId('customer-coupons').innerText()).toContain('BACK-');

    const tag = locale === 'zh-CN' ? '电话回访' : 'call-back';
    await page.getByTestId('tag-input').fill(tag);
    await page.getByTestId('tag-add').click();
    const added = page.locator(`[data-testid="customer-tag"][data-tag="${tag}"]`);
    await expect.poll(() => added.count()).toBe(1);
    expect(await page.locator('[data-testid="customer-tag"][data-tag="老客"] [data-testid="tag-remove"]').count()).toBe(1);
    await page.screenshot({ path: artifact(`customer-${locale === 'zh-CN' ? 'zh-CN' : 'en'}.png`), fullPage: true });
    await added.getByTestId('tag-remove').click();
    await expect.poll(() => added.count()).toBe(0);
    expect(await page.getByTestId('customer-tags').innerText()).not.toContain(words.tagRule);

    await page.getByTestId('customers-back').click();
    await expect.poll(() => rows(page).count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.context().close();
  }

  it('filters, pages and opens a customer, in Chinese', async () => {
    await walk('zh-CN', { count: '共 56 位客户', stage: '活跃', journey: '等待', tagRule: '规则标签' });
  });

  it('does the same in English', async () => {
    await walk('en-US', { count: '56 customers match', stage: 'Active', journey: 'Wait', tagRule: 'from a rule' });
  });
});
