import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Journey } from '../../engine/journey/schema';
import { uniqueId } from '../support/journeys';
import { artifact, startBrowserStack, type BrowserStack } from '../kpis/browser';
import { DesignerPage } from './designer-page';

/** The publish dialog lists what publishing warns about, in the UI's language, and still publishes. */
describe('publish warnings in the designer', () => {
  let b: BrowserStack;
  beforeAll(async () => {
    b = await startBrowserStack();
  });
  afterAll(() => b?.close());

  it('shows an unknown variable and a webhook to a private address before publishing', async () => {
    const id = uniqueId('warned');
    const journey = {
      schemaVersion: 1,
      id,
      name: '有警告的旅程',
      status: 'draft',
      version: 0,
      nodes: [
        { id: 'trigger', type: 'trigger.event', config: { eventType: 'order.created', perOrder: true } },
        { id: 'sms', type: 'message.send', config: { channel: 'sms', template: '{{customer.nmae}}，订单 {{order.id}} 还未付款' } },
        { id: 'hook', type: 'webhook.post', config: { url: 'http://192.168.1.20/hook', body: {} } },
        { id: 'done', type: 'exit', config: {} },
      ],
      edges: [
        { from: 'trigger', port: 'next', to: 'sms' },
        { from: 'sms', port: 'next', to: 'hook' },
        { from: 'hook', port: 'next', to: 'done' },
      ],
      settings: { timezone: 'Asia/Shanghai', reEntry: 'never' },
      layout: { positions: { trigger: { x: 0, y: 0 }, sms: { x: 0, y: 140 }, hook: { x: 0, y: 280 }, done: { x: 0, y: 420 } } },
    } as unknown as Journey;
    expect((await b.stack.api('/api/journeys', { body: journey })).status).toBe(201);

    const { page, errors } = await b.open('zh-CN');
    // The open journey is read from the hash when the page loads (a reload comes back to it).
    await page.goto(`${b.stack.baseUrl}/#/journeys/${id}`);
    await page.reload();
    const d = new DesignerPage(page);
    await d.byTestId('node-sms').waitFor();
    await d.byTestId('publish').click();
    const warnings = d.byTestId('publish-warning');
    await expect.poll(() => warnings.count(), { timeout: 10_000 }).toBe(2);
    expect(await warnings.nth(0).getAttribute('data-node-id')).toBe('sms');
    expect(await warnings.nth(0).innerText()).toContain('变量 {{customer.nmae}} 不是已知的变量');
    expect(await warnings.nth(1).innerText()).toContain('Webhook 地址 192.168.1.20 是内部网络地址（私有网段）');
    expect(await d.byTestId('publish-dialog').innerText()).toContain('可以发布，但请检查：');
    await page.screenshot({ path: artifact('publish-warnings.png') });
    // Warnings do not stop the publish.
    await d.byTestId('publish-confirm').click();
    await expect.poll(() => d.byTestId('status-badge').getAttribute('data-status'), { timeout: 15_000 }).toBe('live');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
