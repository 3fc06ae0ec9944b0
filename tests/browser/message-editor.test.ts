import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Journey } from '../../engine/journey/schema';
import { artifact, startBrowserStack, type BrowserStack } from '../kpis/browser';
import { DesignerPage } from './designer-page';

/**
 * The message editor and the friendly inputs in Chromium on the whole product, in Chinese: a
 * marketer writes an SMS with the variable picker, sees it rendered for the sample customer with
 * its length and parts (POST /api/templates/preview), sees the shop's quiet hours and cap on the
 * step, and sets waits with the duration, time and weekday inputs; the saved document holds the
 * ISO 8601 and HH:mm values the engine reads.
 */
describe('message editor and friendly inputs in the browser', () => {
  let b: BrowserStack;
  beforeAll(async () => {
    b = await startBrowserStack();
    // The shop's guardrails: SMS held during quiet hours, at most 2 per customer a week.
    const current = await b.stack.api<{ settings: Record<string, unknown> }>('/api/settings');
    const put = await b.stack.api('/api/settings', {
      method: 'PUT',
      body: {
        ...current.body.settings,
        messaging: { quietHours: { from: '21:00', to: '09:00', mode: 'hold' }, frequencyCaps: [{ channel: 'sms', max: 2, within: 'P7D' }] },
      },
    });
    expect(put.status).toBe(200);
    // A stored customer for the preview, made known by an order event carrying their profile.
    const event = await b.stack.api('/api/events', {
      method: 'POST',
      body: {
        id: 'preview-order-1',
        type: 'order.created',
        customerId: 'c-preview-1',
        occurredAt: new Date().toISOString(),
        data: { orderId: 'P1', amount: 88, customer: { name: '李雷' } },
      },
    });
    expect(event.status).toBeLessThan(300);
  });
  afterAll(() => b?.close());

  it('writes an SMS with the picker and preview, shows its guardrails, and stores friendly inputs as ISO values', async () => {
    const { page, errors } = await b.open('zh-CN');
    const d = new DesignerPage(page);
    await d.byTestId('nav-journeys').click();
    await d.byTestId('new-journey-name').fill('短信编辑器');
    await d.byTestId('new-journey-create').click();
    await d.byTestId('canvas-empty').waitFor();

    const message = await d.addStepWithKeyboard('message.send');
    let inspector = await d.select(message);
    // The form's Chinese labels come from message.send's own file.
    expect(await inspector.locator('label[for="root_channel"]').innerText()).toContain('渠道');
    expect(await inspector.innerText()).toContain('交易类消息');
    await inspector.locator('#root_channel').selectOption({ label: '邮件' });
    await inspector.locator('#root_channel').selectOption({ label: '短信' });
    const editor = inspector.getByTestId('message-editor-template');
    expect(await editor.getAttribute('data-channel')).toBe('sms');

    // The name goes in at the caret from the picker; typing goes on after it.
    const text = editor.getByTestId('template-text');
    await text.fill('您好，');
    await text.press('End');
    await editor.getByTestId('variable-picker').click();
    expect(await editor.getByTestId('variable-customer.name').innerText()).toContain('客户姓名');
    await editor.getByTestId('variable-customer.name').click();
    await expect.poll(() => text.inputValue()).toBe('您好，{{customer.name}}');
    expect(await editor.getByRole('menu').count()).toBe(0);
    await page.keyboard.type('，您的订单已发货。');
    await expect.poll(() => text.inputValue()).toBe('您好，{{customer.name}}，您的订单已发货。');
    // Escape and a click elsewhere close the menu without inserting anything.
    await editor.getByTestId('variable-picker').click();
    await page.keyboard.press('Escape');
    expect(await editor.getByRole('menu').count()).toBe(0);
    await editor.getByTestId('variable-picker').click();
    expect(await editor.getByRole('menu').count()).toBe(1);
    await inspector.locator('.inspector-head h2').click();
    expect(await editor.getByRole('menu').count()).toBe(0);
    expect(await text.inputValue()).toBe('您好，{{customer.name}}，您的订单已发货。');

    // The preview: rendered for the made-up sample customer, one SMS and its length; a marketing SMS
    // ends with the shop's opt-out text, counted with it.
    const preview = editor.getByTestId('template-preview');
    const rendered = '您好，张小红，您的订单已发货。 拒收请回复R';
    await expect.poll(() => preview.getByTestId('template-preview-text').innerText(), { timeout: 10_000 }).toBe(rendered);
    await expect.poll(() => preview.getByTestId('sms-length').innerText()).toBe(`1 条短信 / ${rendered.length} 字`);
    expect(await preview.getByTestId('sms-warning').count()).toBe(0);

    // The same text for a stored customer, chosen by id.
    await editor.getByTestId('preview-customer-kind').selectOption('real');
    await editor.getByTestId('preview-customer-id').fill('c-preview-1');
    await expect.poll(() => preview.getByTestId('template-preview-text').innerText(), { timeout: 10_000 }).toBe('您好，李雷，您的订单已发货。 拒收请回复R');
    await editor.getByTestId('preview-customer-kind').selectOption('sample');
    await expect.poll(() => preview.getByTestId('template-preview-text').innerText(), { timeout: 10_000 }).toBe(rendered);

    // A long text is two parts of 67, with a warning.
    const long = `您好，{{customer.name}}，${'双十一会场今晚开启，全场满减叠加优惠券，'.repeat(4)}`;
    await text.fill(long);
    await expect.poll(() => preview.getByTestId('sms-length').getAttribute('data-segments'), { timeout: 10_000 }).toBe('2');
    expect(await preview.getByTestId('sms-length').innerText()).toMatch(/^2 条短信 \/ \d+ 字$/);
    expect(await preview.getByTestId('sms-warning').innerText()).toContain('拆成 2 条发送，每条最多 67 字');

    // A tag left open is shown under the text (and flagged on the step by the engine).
    await text.fill('您好，{{customer.name，');
    await expect.poll(() => preview.getByTestId('template-error').innerText()).toContain('没有用 }} 闭合');
    await expect.poll(() => d.problemsOf(message)).toEqual([expect.stringContaining('template')]);
    await text.fill('您好，{{customer.name}}，您的订单已发货。');
    await expect.poll(() => preview.getByTestId('template-preview-text').innerText(), { timeout: 10_000 }).toBe(rendered);

    // The shop's guardrails, on the node and in the inspector.
    await expect.poll(() => d.byTestId(`node-quiet-${message}`).innerText(), { timeout: 10_000 }).toContain('夜间免打扰：顺延');
    expect(await d.byTestId(`node-channel-${message}`).innerText()).toBe('短信');
    expect(await d.byTestId(`node-cap-${message}`).innerText()).toBe('每人每7天最多2条短信');
    expect(await inspector.getByTestId('guardrail-quiet').innerText()).toContain('夜间免打扰 21:00–09:00：顺延到结束后发送');
    expect(await inspector.getByTestId('guardrail-cap').innerText()).toBe('每人每7天最多2条短信');
    await page.screenshot({ path: artifact('message-editor.png') });
    // A transactional message is neither held nor capped, and says so.
    await inspector.locator('#root_transactional').check();
    await expect.poll(() => d.byTestId(`node-quiet-${message}`).innerText()).toContain('交易类');
    expect(await d.byTestId(`node-cap-${message}`).count()).toBe(0);
    // … and goes out without the opt-out text.
    await expect.poll(() => preview.getByTestId('template-preview-text').innerText(), { timeout: 10_000 }).toBe('您好，张小红，您的订单已发货。');
    await inspector.locator('#root_transactional').uncheck();
    await expect.poll(() => preview.getByTestId('template-preview-text').innerText(), { timeout: 10_000 }).toBe(rendered);

    // Friendly inputs: a wait of 2 天, a window 10:00–20:00 on weekdays only, a wait until a date.
    const wait = await d.addStepWithKeyboard('wait');
    inspector = await d.select(wait);
    const duration = inspector.getByTestId('duration-duration');
    expect(await duration.locator('select option').allInnerTexts()).toEqual(['分钟', '小时', '天']);
    await duration.locator('select').selectOption({ label: '天' });
    await duration.locator('input').fill('2');
    await expect.poll(() => d.byTestId(`node-${wait}`).locator('.step-summary').innerText()).toContain('2 天');

    const window = await d.addStepWithKeyboard('wait.window');
    inspector = await d.select(window);
    await inspector.getByTestId('time-from').fill('10:00');
    await inspector.getByTestId('time-to').fill('20:00');
    const weekdays = inspector.getByTestId('weekdays-weekdays');
    expect(await weekdays.locator('button').allInnerTexts()).toEqual(['一', '二', '三', '四', '五', '六', '日']);
    await weekdays.locator('[data-weekday="6"]').click();
    await weekdays.locator('[data-weekday="7"]').click();
    expect(await weekdays.locator('[data-weekday="7"]').getAttribute('aria-pressed')).toBe('false');

    const until = await d.addStepWithKeyboard('wait.until');
    inspector = await d.select(until);
    await inspector.getByTestId('datetime-dateTime').fill('2026-11-11T20:00');

    // With no step selected, the journey's own time zone: searched by its Chinese name.
    await d.byTestId('canvas').click({ position: { x: 100, y: 160 } });
    const zone = d.byTestId('journey-settings').getByRole('combobox');
    expect(await zone.inputValue()).toBe('Asia/Shanghai');
    await zone.click();
    expect(await d.byTestId('journey-settings').getByRole('option').first().getAttribute('data-zone')).toBe('Asia/Shanghai');
    await zone.fill('香港');
    await d.byTestId('journey-settings').locator('[data-zone="Asia/Hong_Kong"]').click();
    await expect.poll(() => zone.inputValue()).toBe('Asia/Hong_Kong');

    await d.byTestId('save').click();
    await expect.poll(() => d.byTestId('save-state').getAttribute('data-dirty'), { timeout: 10_000 }).toBe('false');
    const id = page.url().split('#/journeys/')[1]!;
    const { body } = await b.stack.api<{ journey: Journey }>(`/api/journeys/${id}`);
    const config = (nodeId: string) => body.journey.nodes.find((n) => n.id === nodeId)!.config;
    expect(config(message)).toEqual({ channel: 'sms', template: '您好，{{customer.name}}，您的订单已发货。', transactional: false, quietHours: 'shop' });
    expect(config(wait)).toEqual({ duration: 'P2D' });
    expect(config(window)).toEqual({ from: '10:00', to: '20:00', weekdays: [1, 2, 3, 4, 5], days: 'any' });
    expect(config(until)).toMatchObject({ dateTime: '2026-11-11T20:00' });
    expect(body.journey.settings.timezone).toBe('Asia/Hong_Kong');
    await page.screenshot({ path: artifact('friendly-inputs.png') });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
