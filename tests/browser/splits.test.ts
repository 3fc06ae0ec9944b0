import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/config';
import { startStack, type Stack } from '../support/stack';
import { DesignerPage } from './designer-page';

/**
 * Splits in the designer: their output handles follow their config (one per branch or arm, the
 * holdout only with a holdout), labelled with the branch labels, and the holdout rule is checked
 * in the browser as on the server.
 */
describe('split steps in the designer', () => {
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

  it('draws one handle per branch and arm, follows config edits, and flags a holdout that does not exit', async () => {
    const atLeast = (value: number) => ({ all: [{ fact: 'event', path: '$.data.amount', operator: 'greaterThanInclusive', value }] });
    const created = await stack.api<{ journey: { id: string }; problems: { code: string; nodeId?: string }[] }>('/api/journeys', {
      method: 'POST',
      body: {
        id: 'splits-in-designer',
        name: 'Splits (browser)',
        nodes: [
          { id: 'trigger', type: 'trigger.event', config: { eventType: 'order.created' } },
          {
            id: 'by-amount',
            type: 'split.multi',
            config: {
              branches: [
                { key: 'big', label: 'Big orders', conditions: atLeast(1000) },
                { key: 'mid', label: 'Mid orders', conditions: atLeast(200) },
              ],
            },
          },
          {
            id: 'ab',
            type: 'split.random',
            config: {
              arms: [
                { key: 'a', label: 'Offer A', weight: 50 },
                { key: 'b', label: 'Offer B', weight: 50 },
              ],
              holdoutPercent: 10,
            },
          },
          { id: 'sms', type: 'message.send', config: { channel: 'sms', template: 'Hello {{customer.name}}' } },
          { id: 'done', type: 'exit', config: {} },
        ],
        edges: [
          { from: 'trigger', port: 'next', to: 'by-amount' },
          { from: 'by-amount', port: 'big', to: 'sms' },
          { from: 'by-amount', port: 'mid', to: 'ab' },
          { from: 'by-amount', port: 'else', to: 'done' },
          { from: 'ab', port: 'a', to: 'sms' },
          { from: 'ab', port: 'b', to: 'done' },
          { from: 'ab', port: 'holdout', to: 'sms' },
          { from: 'sms', port: 'next', to: 'done' },
        ],
        layout: {
          positions: {
            trigger: { x: 300, y: 0 },
            'by-amount': { x: 300, y: 140 },
            ab: { x: 520, y: 300 },
            sms: { x: 200, y: 460 },
            done: { x: 400, y: 620 },
          },
        },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.problems).toEqual([expect.objectContaining({ code: 'port_must_exit', nodeId: 'ab' })]);

    const context = await browser.newContext({ viewport: { width: 1440, height: 1100 }, locale: 'en-US' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const d = new DesignerPage(page);
    await page.goto(`${stack.baseUrl}/#token=${stack.token}`);
    await d.byTestId('open-splits-in-designer').click();
    await d.byTestId('node-by-amount').waitFor();

    // One handle per branch, then else; labels from the branches.
    for (const port of ['big', 'mid', 'else']) await expect.poll(() => d.byTestId(`handle-by-amount-${port}`).count()).toBe(1);
    expect(await d.byTestId('node-by-amount').locator('.step-port-label').allInnerTexts()).toEqual(['Big orders', 'Mid orders', 'else']);
    for (const port of ['a', 'b', 'holdout']) expect(await d.byTestId(`handle-ab-${port}`).count()).toBe(1);
    expect(await d.byTestId('node-ab').locator('.step-port-label').allInnerTexts()).toEqual(['Offer A', 'Offer B', 'holdout']);

    // The holdout leads to a message: the browser says so, as the server did.
    await expect.poll(() => d.problemsOf('ab')).toEqual([expect.stringContaining('must lead straight to an exit')]);

    // Each branch's conditions are edited with the condition builder, not a raw anyOf chooser.
    const branchForm = await d.select('by-amount');
    await expect.poll(() => branchForm.getByTestId('condition-conditions').count()).toBe(2);
    expect(await branchForm.getByTestId('condition-conditions-0').count()).toBe(2);

    // No holdout any more: its handle goes, and its edge now leaves from an output that does not exist.
    const inspector = await d.select('ab');
    await inspector.locator('#root_holdoutPercent').fill('0');
    await expect.poll(() => d.byTestId('handle-ab-holdout').count()).toBe(0);
    await expect.poll(() => d.problemsOf('ab')).toEqual([expect.stringContaining('has no output "holdout"')]);
    expect(await d.byTestId('handle-ab-a').count()).toBe(1);

    expect(errors).toEqual([]);
    await context.close();
  });
});
