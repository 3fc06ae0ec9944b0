import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Journey } from '../../engine/journey/schema';
import { projectRoot } from '../../server/config';
import { startStack, type Stack } from '../support/stack';
import { DesignerPage } from './designer-page';

/**
 * The designer in Chromium against the whole product: the HTTP server serving a fresh build of
 * the designer, a real database, worker and Temporal. A marketer draws the payment reminder
 * (催付) from the palette, fills it in through the inspector, saves and publishes it.
 */
describe('designer in the browser', () => {
  let designerDir: string;
  let stack: Stack;
  let browser: Browser;

  beforeAll(async () => {
    // Build the designer as it is now, apart from designer/dist, so the test sees this code.
    designerDir = mkdtempSync(join(tmpdir(), 'huitou-designer-'));
    await productionBuild(designerDir);
    stack = await startStack({ designerDir });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    if (designerDir) rmSync(designerDir, { recursive: true, force: true });
  });

  /** A fresh browser profile in English, with page errors collected so they fail the test. */
  async function openPage(): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1100 }, locale: 'en-US' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    return { page, errors };
  }

  it('asks for the token when the one in the address is wrong, and takes a pasted one', async () => {
    const { page, errors } = await openPage();
    await page.goto(`${stack.baseUrl}/#token=not-the-token`);
    await page.getByTestId('signin-form').waitFor();
    expect(page.url()).not.toContain('not-the-token');
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('did not accept');

    await page.getByTestId('signin-token').fill(`${stack.baseUrl}/#token=${stack.token}`);
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('new-journey-name').waitFor();
    expect(await page.evaluate(() => localStorage.getItem('huitou.token'))).toBe(stack.token);
    // The browser's own 401 log line for the rejected token is expected; nothing else is.
    expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
    await page.context().close();
  });

  it('draws, validates, saves and publishes the payment reminder', async () => {
    const { page, errors } = await openPage();
    const d = new DesignerPage(page);
    await page.goto(`${stack.baseUrl}/#token=${stack.token}`);
    await d.byTestId('new-journey-name').fill('催付 Payment reminder (browser)');
    await d.byTestId('new-journey-create').click();
    await d.byTestId('canvas-empty').waitFor();
    expect(page.url()).not.toContain(stack.token);

    // Steps, dragged from the palette to where they belong (points relative to the canvas).
    const trigger = await d.dragStep('trigger.event', { x: 440, y: 60 });
    const waitPay = await d.dragStep('wait.event', { x: 440, y: 200 });
    const condition = await d.dragStep('condition', { x: 480, y: 340 });
    const task = await d.dragStep('message.send', { x: 330, y: 480 });
    const sms = await d.dragStep('message.send', { x: 640, y: 480 });
    const done = await d.dragStep('exit', { x: 480, y: 620 });
    // One from the keyboard, then moved into place by dragging it.
    const paid = await d.addStepWithKeyboard('exit');
    await d.moveStep(paid, { x: 160, y: 340 });

    // Nothing is connected yet: the designer says so, on the steps and in the panel.
    await expect.poll(() => d.problemCount()).toBeGreaterThan(0);
    await expect.poll(() => d.problemsOf(trigger)).toEqual([expect.stringContaining('"next" output is not connected')]);
    expect(await d.byTestId(`node-${waitPay}`).getAttribute('class')).toContain('has-problems');
    expect(await d.byTestId(`node-problems-${condition}`).innerText()).toBe('3'); // yes, no, unreachable

    await d.connect(trigger, 'next', waitPay);
    await d.connect(waitPay, 'event', paid);
    await d.connect(waitPay, 'timeout', condition);
    await d.connect(condition, 'yes', task);
    await d.connect(condition, 'no', sms);
    await d.connect(task, 'next', done);
    await d.connect(sms, 'next', done);

    // Configs through the inspector. A timeout that is not a duration is flagged, then fixed.
    let inspector = await d.select(trigger);
    await inspector.locator('#root_eventType').fill('order.created');

    // The timeout is a number and a unit (the step stores ISO 8601, checked in the saved document below).
    inspector = await d.select(waitPay);
    const timeout = inspector.getByTestId('duration-timeout');
    await timeout.locator('select').selectOption('hours');
    await timeout.locator('select').selectOption('minutes');
    await timeout.locator('input').fill('25');
    await inspector.locator('#root_eventType').fill('order.paid');
    await expect.poll(() => d.problemsOf(waitPay)).toEqual([]);

    // A message with a tag left open is flagged on the step and under the field.
    inspector = await d.select(sms);
    await inspector.locator('#root_template').fill('亲爱的{{customer.name，您的订单还未付款');
    await expect.poll(() => d.problemsOf(sms)).toEqual([expect.stringContaining('does not parse')]);
    await expect.poll(() => inspector.locator('.error-detail').innerText()).toContain('does not parse');
    // Publish asks first: with a problem the dialog names it and cannot publish.
    await d.byTestId('publish').click();
    await expect.poll(() => d.byTestId('publish-problems').innerText()).toContain('does not parse');
    expect(await d.byTestId('publish-confirm').isDisabled()).toBe(true);
    await d.byTestId('publish-cancel').click();
    expect(await d.byTestId('publish-dialog').count()).toBe(0);
    expect(await d.byTestId('status-badge').getAttribute('data-status')).toBe('draft');

    inspector = await d.select(condition);
    await inspector.getByTestId('condition-conditions-add').click();
    await inspector.getByTestId('condition-conditions-0-fact').selectOption('event');
    await inspector.getByTestId('condition-conditions-0-path').selectOption('$.data.amount');
    await inspector.getByTestId('condition-conditions-0-operator').selectOption('greaterThanInclusive');
    await inspector.getByTestId('condition-conditions-0-value').fill('500');
    await expect.poll(() => d.byTestId(`node-${condition}`).locator('.step-summary').innerText()).toBe('Order amount at least ¥500');

    inspector = await d.select(task);
    await inspector.locator('#root_channel').selectOption('task');
    await inspector.locator('#root_subject').fill('电话催付 {{order.id}}');
    await inspector.locator('#root_template').fill('请致电客户 {{customer.name}}，订单 {{order.id}}（¥{{order.amount}}）下单 25 分钟仍未付款。');

    inspector = await d.select(sms);
    await inspector.locator('#root_template').fill('亲爱的{{customer.name}}，您的订单{{order.id}}还未付款，请尽快完成支付哦。');
    await expect.poll(() => d.problemsOf(sms)).toEqual([]);
    expect(await d.byTestId('problems-panel').innerText()).not.toContain('The server refused');

    // Complete: every problem shown while drawing is gone.
    await expect.poll(() => d.problemCount()).toBe(0);
    expect(await d.byTestId('problems-panel').innerText()).toContain('No problems');
    expect(await page.locator('.step.has-problems').count()).toBe(0);

    await d.byTestId('save').click();
    await expect.poll(() => d.byTestId('save-state').getAttribute('data-dirty'), { timeout: 10_000 }).toBe('false');
    expect(await d.byTestId('status-badge').getAttribute('data-status')).toBe('draft');

    await d.publishConfirmed();
    const badge = d.byTestId('status-badge');
    await expect.poll(() => badge.getAttribute('data-status'), { timeout: 15_000 }).toBe('live');
    expect(await badge.getAttribute('data-version')).toBe('1');
    expect(await badge.innerText()).toBe('Live · v1');

    // What the server stored is the journey that was drawn.
    const id = page.url().split('#/journeys/')[1]!;
    const { status, body } = await stack.api<{ journey: Journey; versions: { version: number }[] }>(`/api/journeys/${id}`);
    expect(status).toBe(200);
    const saved = body.journey;
    expect(saved).toMatchObject({ name: '催付 Payment reminder (browser)', status: 'live', version: 1 });
    expect(body.versions.map((v) => v.version)).toEqual([1]);
    const typeOf = Object.fromEntries(saved.nodes.map((n) => [n.id, n.type]));
    expect(typeOf).toEqual({
      [trigger]: 'trigger.event',
      [waitPay]: 'wait.event',
      [condition]: 'condition',
      [task]: 'message.send',
      [sms]: 'message.send',
      [done]: 'exit',
      [paid]: 'exit',
    });
    const configOf = Object.fromEntries(saved.nodes.map((n) => [n.id, n.config]));
    expect(configOf[trigger]).toEqual({ eventType: 'order.created', perOrder: true });
    expect(configOf[waitPay]).toEqual({ eventType: 'order.paid', timeout: 'PT25M', sameOrder: true });
    expect(configOf[condition]).toEqual({ conditions: { all: [{ fact: 'event', path: '$.data.amount', operator: 'greaterThanInclusive', value: 500 }] } });
    const guard = { transactional: false, quietHours: 'shop' };
    expect(configOf[task]).toEqual({
      channel: 'task',
      subject: '电话催付 {{order.id}}',
      template: '请致电客户 {{customer.name}}，订单 {{order.id}}（¥{{order.amount}}）下单 25 分钟仍未付款。',
      ...guard,
    });
    expect(configOf[sms]).toEqual({ channel: 'sms', template: '亲爱的{{customer.name}}，您的订单{{order.id}}还未付款，请尽快完成支付哦。', ...guard });
    expect(new Set(saved.edges.map((e) => `${e.from}:${e.port}->${e.to}`))).toEqual(
      new Set([
        `${trigger}:next->${waitPay}`,
        `${waitPay}:event->${paid}`,
        `${waitPay}:timeout->${condition}`,
        `${condition}:yes->${task}`,
        `${condition}:no->${sms}`,
        `${task}:next->${done}`,
        `${sms}:next->${done}`,
      ]),
    );
    expect(saved.edges).toHaveLength(7);
    expect(Object.keys(saved.layout.positions).sort()).toEqual(Object.keys(typeOf).sort());
    // The step added from the keyboard went under the selected one (the last exit); it was saved
    // where it was dragged to: left of the condition, on its row.
    const at = saved.layout.positions;
    expect(at[paid]!.x).toBeLessThan(at[condition]!.x - 150);
    expect(Math.abs(at[paid]!.y - at[condition]!.y)).toBeLessThan(80);
    expect(at[paid]!.y).toBeLessThan(at[done]!.y - 150);

    mkdirSync(join(projectRoot, 'test-artifacts'), { recursive: true });
    await page.screenshot({ path: join(projectRoot, 'test-artifacts', 'designer.png') });

    // Pause and resume reach the server and come back in the badge.
    await d.byTestId('pause').click();
    await expect.poll(() => badge.getAttribute('data-status'), { timeout: 10_000 }).toBe('paused');
    await d.byTestId('resume').click();
    await expect.poll(() => badge.getAttribute('data-status'), { timeout: 10_000 }).toBe('live');
    expect((await stack.api<{ journey: Journey }>(`/api/journeys/${id}`)).body.journey.status).toBe('live');

    // The language toggle switches UI strings and the API's labels, and is remembered.
    await d.byTestId('language-toggle').click();
    await expect.poll(() => d.byTestId('palette-trigger.event').locator('.palette-title').innerText()).toBe('事件触发');
    expect(await badge.innerText()).toBe('已上线 · 版本 1');
    expect(await d.byTestId(`handle-${waitPay}-timeout`).locator('..').innerText()).toBe('超时');
    expect(await page.evaluate(() => localStorage.getItem('huitou.locale'))).toBe('zh-CN');
    await page.screenshot({ path: join(projectRoot, 'test-artifacts', 'designer-zh-CN.png') });

    // Publish asked first, so the server never refused it: nothing in the console.
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

/**
 * `vite build` as `npm run build` runs it. Vitest sets NODE_ENV=test, with which Vite would bundle
 * React's development build (and the JSX dev runtime), so NODE_ENV is production for the build.
 */
async function productionBuild(outDir: string): Promise<void> {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: join(projectRoot, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, sourcemap: false },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
