import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Journey } from '../../engine/journey/schema';
import { loadFixture, shopOn } from '../facts/support';
import { artifact, startBrowserStack, type BrowserStack } from '../kpis/browser';
import { DesignerPage } from './designer-page';

/**
 * The condition builder in Chromium, in Chinese, on the whole product: a CRM operator builds
 * "orderCount ≥ 2 AND (tier in [vip, supreme] OR has tag 油性肤质)" without typing JSON, reads it
 * back in words under the builder and on the canvas, and the server stores exactly the
 * json-rules-engine condition. A condition deeper than the builder shows stays JSON, unchanged.
 */
describe('condition builder in the browser', () => {
  let b: BrowserStack;
  const deep = { all: [{ any: [{ all: [{ any: [{ fact: 'orderCount', operator: 'equal', value: 1 }] }] }] }] };

  beforeAll(async () => {
    b = await startBrowserStack();
    // Customers with tags, so the tag picker has the shop's tags to offer.
    await loadFixture(shopOn(b.stack.huitou.context.db), {
      customers: [
        { id: 'cb1', manualTags: ['油性肤质', '敏感肌'] },
        { id: 'cb2', manualTags: ['油性肤质'] },
      ],
      orders: [],
    });
    const created = await b.stack.api('/api/journeys', {
      method: 'POST',
      body: {
        id: 'conditions-builder',
        name: '条件构建器',
        nodes: [
          { id: 'trigger', type: 'trigger.event', config: { eventType: 'order.paid' } },
          { id: 'vip-check', type: 'condition', config: { conditions: { all: [] } } },
          { id: 'deep', type: 'condition', config: { conditions: deep } },
          { id: 'done-yes', type: 'exit', config: {} },
          { id: 'done-no', type: 'exit', config: {} },
        ],
        edges: [
          { from: 'trigger', port: 'next', to: 'vip-check' },
          { from: 'vip-check', port: 'yes', to: 'deep' },
          { from: 'vip-check', port: 'no', to: 'done-no' },
          { from: 'deep', port: 'yes', to: 'done-yes' },
          { from: 'deep', port: 'no', to: 'done-no' },
        ],
        layout: {
          positions: {
            trigger: { x: 300, y: 0 },
            'vip-check': { x: 300, y: 150 },
            deep: { x: 150, y: 320 },
            'done-yes': { x: 150, y: 480 },
            'done-no': { x: 450, y: 480 },
          },
        },
      },
    });
    expect(created.status).toBe(201);
  });
  afterAll(() => b?.close());

  it('builds a nested condition in zh-CN, says it in words, and saves the exact json-rules-engine condition', async () => {
    const { page, errors } = await b.open('zh-CN');
    const d = new DesignerPage(page);
    await d.byTestId('open-conditions-builder').click();
    await d.byTestId('node-vip-check').waitFor();

    // The trigger's filter sees the event only, as its step's file declares: the builder says so,
    // and its title is the Chinese one from that file.
    let inspector = await d.select('trigger');
    const filter = inspector.getByTestId('condition-condition');
    expect(await filter.locator('legend').innerText()).toBe('仅当');
    expect(await filter.innerText()).toContain('筛选只能读取事件本身');

    inspector = await d.select('vip-check');
    const c = (suffix: string) => inspector.getByTestId(`condition-conditions${suffix}`);
    expect(await c('').locator('legend').innerText()).toBe('条件');
    expect(await c('').innerText()).not.toContain('筛选只能读取事件本身');
    expect(await c('-summary').innerText()).toContain('总是满足');

    // Rule 1: 累计购买次数 大于等于 2 (单). An empty number is named under the rule and in the problems panel.
    await c('-add').click();
    await c('-0-fact').selectOption('orderCount');
    await c('-0-operator').selectOption('greaterThanInclusive');
    expect(await c('-0-operator').locator('option:checked').innerText()).toBe('大于等于');
    expect(await c('-0-value-unit').innerText()).toBe('单');
    await expect.poll(() => c('-0-error').innerText()).toBe('“累计购买次数”：请填写数字。');
    await expect.poll(() => d.problemsOf('vip-check')).toEqual([expect.stringContaining('“累计购买次数”：请填写数字。')]);
    await c('-0-value').fill('2');
    await expect.poll(() => c('-0-error').count()).toBe(0);

    // A group: 会员等级 是以下之一 [VIP会员, 至尊VIP会员] 或 包含标签 油性肤质.
    await c('-add-group').click();
    expect(await c('-1-mode').inputValue()).toBe('any');
    expect(await c('-1-mode').locator('option:checked').innerText()).toBe('任一满足（或）');
    await c('-1-0-fact').selectOption('tier');
    await c('-1-0-operator').selectOption('in');
    expect(await c('-1-0-value').innerText()).toContain('至尊VIP会员');
    await c('-1-0-value-supreme').check();
    await c('-1-0-value-vip').check();
    await c('-1-add').click();
    await c('-1-1-fact').selectOption('tags');
    expect(await c('-1-1-operator').locator('option:checked').innerText()).toBe('包含标签');
    // The picker offers the shop's tags (GET /api/tags), most used first.
    await expect
      .poll(() =>
        c('-1-1-value-options')
          .locator('option')
          .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)),
      )
      .toEqual(['油性肤质', '敏感肌']);
    await c('-1-1-value').fill('油性肤质');

    const words = '累计购买次数至少2单且（会员等级为VIP会员或至尊VIP会员或有标签“油性肤质”）';
    await expect.poll(() => c('-summary').innerText()).toBe(`条件概述: ${words}`);
    await expect.poll(() => d.byTestId('node-vip-check').locator('.step-summary').innerText()).toBe(words);

    // NOT on the group, and off again.
    await c('-1-not').check();
    await expect.poll(() => c('-summary').innerText()).toContain('且并非（会员等级为VIP会员或至尊VIP会员或有标签“油性肤质”）');
    await c('-1-not').uncheck();
    await expect.poll(() => c('-summary').innerText()).toBe(`条件概述: ${words}`);
    await page.screenshot({ path: artifact('condition-builder-zh-CN.png'), fullPage: true });

    // A date: picked on a calendar input, stored as that day's midnight on the journey's clock; then removed again.
    await c('-add').click();
    await c('-2-fact').selectOption('lastOrderAt');
    expect(await c('-2-operator').locator('option:checked').innerText()).toBe('在此日期或之后');
    await expect.poll(() => c('-2-error').innerText()).toBe('“最近购买时间”：请选择日期。');
    await c('-2-value').fill('2026-06-01');
    await expect.poll(() => c('-summary').innerText()).toBe(`条件概述: ${words}且最近购买时间在2026-06-01或之后`);
    await c('-2-remove').click();
    await expect.poll(() => c('-summary').innerText()).toBe(`条件概述: ${words}`);

    // The trigger's filter sees the event only; an event field the catalog does not list is typed in.
    inspector = await d.select('trigger');
    await inspector.getByTestId('condition-condition-add').click();
    expect(await inspector.getByTestId('condition-condition-0-fact').locator('option').allInnerTexts()).toEqual(['触发事件', '订单金额']);
    await inspector.getByTestId('condition-condition-0-path').selectOption({ label: '其他字段…' });
    await inspector.getByTestId('condition-condition-0-custom-path').fill('$.data.channel');
    await inspector.getByTestId('condition-condition-0-value').fill('tmall');
    await expect.poll(() => inspector.getByTestId('condition-condition-summary').innerText()).toBe('条件概述: 触发事件 $.data.channel为“tmall”');

    // Deeper than three levels of groups: the JSON editor, with the condition as written.
    inspector = await d.select('deep');
    await inspector.getByTestId('condition-conditions-json-note').waitFor();
    expect(JSON.parse(await inspector.locator('textarea').inputValue())).toEqual(deep);
    expect(await inspector.getByTestId('condition-conditions-summary').innerText()).toBe('条件概述: 累计购买次数为1单');

    // With no step selected: the journey's exit criteria, whose condition reads the exit's own event.
    await d.byTestId('canvas').click({ position: { x: 100, y: 160 } });
    const settings = d.byTestId('exit-goal-settings');
    await settings.getByTestId('exit-add').click();
    await settings.getByTestId('condition-exit-0-add').click();
    expect(await settings.getByTestId('condition-exit-0-0-fact').locator('option').allInnerTexts()).toEqual(['最近等到的事件', '触发事件', '订单金额']);
    await settings.getByTestId('condition-exit-0-0-path').selectOption('$.data.amount');
    await settings.getByTestId('condition-exit-0-0-operator').selectOption('greaterThanInclusive');
    await expect.poll(() => d.byTestId('problems-panel').innerText()).toContain('“最近等到的事件 · 订单金额”：请填写数字。');
    await settings.getByTestId('condition-exit-0-0-value').fill('100');
    await expect.poll(() => settings.getByTestId('condition-exit-0-summary').innerText()).toBe('条件概述: 订单金额至少100元');

    await expect.poll(() => d.problemCount()).toBe(0);
    await d.byTestId('save').click();
    await expect.poll(() => d.byTestId('save-state').getAttribute('data-dirty'), { timeout: 10_000 }).toBe('false');

    const { body } = await b.stack.api<{ journey: Journey }>('/api/journeys/conditions-builder');
    const config = (id: string) => body.journey.nodes.find((n) => n.id === id)!.config;
    expect(config('vip-check').conditions).toEqual({
      all: [
        { fact: 'orderCount', operator: 'greaterThanInclusive', value: 2 },
        {
          any: [
            { fact: 'tier', operator: 'in', value: ['vip', 'supreme'] },
            { fact: 'tags', operator: 'hasTag', value: '油性肤质' },
          ],
        },
      ],
    });
    expect(config('trigger').condition).toEqual({ all: [{ fact: 'event', path: '$.data.channel', operator: 'equal', value: 'tmall' }] });
    expect(config('deep').conditions).toEqual(deep);
    expect(body.journey.settings.exitWhen).toEqual([
      {
        eventType: 'order.paid',
        sameOrder: true,
        condition: { all: [{ fact: 'lastEvent', path: '$.data.amount', operator: 'greaterThanInclusive', value: 100 }] },
      },
    ]);
    inspector = await d.select('vip-check');
    await page.screenshot({ path: artifact('condition-builder-saved.png'), fullPage: true });

    // The whole condition turned round and back: NOT at the top wraps it, unticking unwraps it.
    await c('-not').check();
    await expect.poll(() => c('-summary').innerText()).toBe(`条件概述: 并非（${words}）`);
    await c('-not').uncheck();
    await expect.poll(() => c('-summary').innerText()).toBe(`条件概述: ${words}`);

    // In English the same condition reads in English, operators included.
    await d.byTestId('language-toggle').click();
    await expect
      .poll(() => c('-summary').innerText())
      .toBe('In words: Orders (lifetime) at least 2 orders and (member tier is VIP or Supreme VIP or has tag "油性肤质")');
    expect(await c('-1-1-operator').locator('option:checked').innerText()).toBe('has tag');
    expect(await c('-0-value-unit').innerText()).toBe('orders');
    expect(await d.byTestId('node-vip-check').locator('.step-summary').innerText()).toContain('Orders (lifetime) at least 2 orders');
    await page.screenshot({ path: artifact('condition-builder-en.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
