import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { projectRoot } from '../../server/config';
import { startStack, type Stack } from '../support/stack';

/**
 * The designer in Chromium on the whole product, as tests/browser/designer.test.ts runs it: a
 * fresh production build of the designer served by a real stack. For the KPI and data pages.
 */
export interface BrowserStack {
  stack: Stack;
  browser: Browser;
  /** A fresh profile in the given language, signed in; page errors are collected. */
  open(locale?: 'en-US' | 'zh-CN'): Promise<{ page: Page; errors: string[] }>;
  close(): Promise<void>;
}

export async function startBrowserStack(): Promise<BrowserStack> {
  const designerDir = mkdtempSync(join(tmpdir(), 'huitou-designer-'));
  await productionBuild(designerDir);
  const stack = await startStack({ designerDir });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    stack,
    browser,
    async open(locale = 'en-US') {
      const context = await browser.newContext({ viewport: { width: 1440, height: 1100 }, locale });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.goto(`${stack.baseUrl}/#token=${stack.token}`);
      await page.getByTestId('nav-kpis').waitFor();
      return { page, errors };
    },
    async close() {
      await browser.close();
      await stack.stop();
      rmSync(designerDir, { recursive: true, force: true });
    },
  };
}

export function artifact(name: string): string {
  mkdirSync(join(projectRoot, 'test-artifacts'), { recursive: true });
  return join(projectRoot, 'test-artifacts', name);
}

/** `vite build` as `npm run build` runs it (NODE_ENV production: React's production build). */
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
