import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Journey } from '../../engine/journey/schema';
import { projectRoot } from '../../server/config';
import { startStack, type Stack } from '../support/stack';
import { DesignerPage } from './designer-page';

/**
 * A plugin step in the designer, which is built without knowing any plugin: the DingTalk robot
 * (from the shipped plugins manifest, read by the server) appears in the palette with its icon,
 * gets its form from its JSON Schema, is validated in the browser, and is published.
 */
describe('plugin steps in the designer', () => {
  let designerDir: string;
  let stack: Stack;
  let browser: Browser;

  beforeAll(async () => {
    designerDir = mkdtempSync(join(tmpdir(), 'huitou-designer-'));
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({
        configFile: join(projectRoot, 'vite.config.ts'),
        mode: 'production',
        logLevel: 'warn',
        build: { outDir: designerDir, emptyOutDir: true, sourcemap: false },
      });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
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

  it('draws a DingTalk robot step from the palette, fills its generated form, and publishes it', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1100 }, locale: 'en-US' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const d = new DesignerPage(page);
    await page.goto(`${stack.baseUrl}/#token=${stack.token}`);
    await d.byTestId('new-journey-name').fill('Robot alert (browser)');
    await d.byTestId('new-journey-create').click();
    await d.byTestId('canvas-empty').waitFor();

    expect(await d.byTestId('palette-dingtalk.robot').innerText()).toContain('🤖');
    expect(await d.byTestId('palette-dingtalk.robot').innerText()).toContain('DingTalk group robot');

    const trigger = await d.dragStep('trigger.event', { x: 440, y: 60 });
    const robot = await d.dragStep('dingtalk.robot', { x: 440, y: 220 });
    const done = await d.dragStep('exit', { x: 440, y: 380 });
    await d.connect(trigger, 'next', robot);
    await d.connect(robot, 'next', done);
    let inspector = await d.select(trigger);
    await inspector.locator('#root_eventType').fill('order.created');

    // The form comes from the plugin's schema; the browser flags what the schema says is wrong.
    inspector = await d.select(robot);
    await expect.poll(() => d.problemsOf(robot)).toEqual([expect.stringContaining('webhook: is required')]);
    await inspector.locator('#root_webhook').fill('not an address');
    await expect.poll(() => d.problemsOf(robot)).toEqual([expect.stringContaining('webhook: must match format "uri"')]);
    await inspector.locator('#root_webhook').fill('https://oapi.dingtalk.com/robot/send?access_token=abc123');
    await inspector.locator('#root_msgtype').selectOption('markdown');
    await inspector.locator('#root_title').fill('Unpaid {{order.id}}');
    await expect.poll(() => d.problemCount()).toBe(0);

    await d.publishConfirmed();
    const badge = d.byTestId('status-badge');
    await expect.poll(() => badge.getAttribute('data-status'), { timeout: 15_000 }).toBe('live');

    const id = page.url().split('#/journeys/')[1]!;
    const { body } = await stack.api<{ journey: Journey }>(`/api/journeys/${id}`);
    const saved = body.journey.nodes.find((n) => n.id === robot)!;
    expect(saved.type).toBe('dingtalk.robot');
    expect(saved.config).toMatchObject({
      webhook: 'https://oapi.dingtalk.com/robot/send?access_token=abc123',
      msgtype: 'markdown',
      title: 'Unpaid {{order.id}}',
    });
    const published = await stack.huitou.context.journeys.version(id, 1);
    expect(published?.nodes.find((n) => n.id === robot)).toMatchObject({ typeVersion: 1, activity: { retry: { maximumAttempts: 5 } } });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the plugin in Chinese: palette title and form labels from the plugin itself', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1100 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const d = new DesignerPage(page);
    await page.goto(`${stack.baseUrl}/#token=${stack.token}`);
    await d.byTestId('new-journey-name').fill('机器人提醒');
    await d.byTestId('new-journey-create').click();
    await d.byTestId('canvas-empty').waitFor();
    expect(await d.byTestId('palette-dingtalk.robot').innerText()).toContain('钉钉群机器人');
    const robot = await d.addStepWithKeyboard('dingtalk.robot');
    const inspector = await d.select(robot);
    // The form is a lazy chunk: it may still say 加载中… for a moment after the step is selected.
    await expect.poll(() => inspector.innerText()).toContain('Webhook 地址');
    const form = await inspector.innerText();
    expect(form).toContain('消息内容');
    expect(await inspector.locator('#root_msgtype option').allInnerTexts()).toEqual(['文本', 'Markdown']);
    await context.close();
  });
});
