import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifact, startBrowserStack, type BrowserStack } from '../kpis/browser';

/**
 * The data page in Chromium on the real stack: a CSV goes through the real import endpoint with
 * upload progress; the summary and the refused line come back on the page.
 */
describe('data import in the browser', () => {
  let b: BrowserStack;
  beforeAll(async () => void (b = await startBrowserStack()));
  afterAll(() => b?.close());

  it('uploads orders with one bad line: progress to 100%, the summary, the line-numbered error', async () => {
    const { page, errors } = await b.open('en-US');
    await page.getByTestId('nav-data').click();
    await page.getByTestId('data-page').waitFor();
    expect(page.url()).toMatch(/#\/data$/);
    expect(await page.getByTestId('import-kind-orders').isChecked()).toBe(true);
    expect(await page.getByTestId('import-columns').innerText()).toContain('order_id*,customer_id*,status*,created_at*,paid_at,amount*,discount,product_ids');
    await page.getByTestId('import-kind-customers').check();
    expect(await page.getByTestId('import-columns').innerText()).toContain('customer_id*,name,phone,email,birthday,timezone,region');
    await page.getByTestId('import-kind-orders').check();

    const csv = [
      'order_id,customer_id,status,created_at,paid_at,amount,discount,product_ids',
      'B1001,bc1,paid,2026-06-01T10:00:00+08:00,2026-06-01T10:05:00+08:00,128.50,0,P1',
      'B1002,bc1,delivered,2026-06-10T10:00:00+08:00,2026-06-10T10:01:00+08:00,99,10,P1;P2',
      'B1003,bc2,paid,2026-06-11T10:00:00+08:00,2026-06-11T10:01:00+08:00,-5,0,', // line 4: negative amount
      'B1004,bc3,created,2026-06-12T10:00:00+08:00,,300,0,P2',
      'B1005,bc2,refunded,2026-06-13T10:00:00+08:00,2026-06-13T10:01:00+08:00,50,0,',
    ].join('\n');
    await page.getByTestId('import-file').setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(`${csv}\n`) });
    await page.getByTestId('import-upload').click();

    const result = page.getByTestId('import-result');
    await result.waitFor();
    // The bar is moved by the browser's upload events only: it reached 100%.
    expect(await page.getByTestId('import-progress').getAttribute('aria-valuenow')).toBe('100');
    expect(await page.getByTestId('import-progress-text').innerText()).toBe('100% sent');
    const count = (name: string) => page.getByTestId(`import-${name}`).getAttribute('data-value');
    expect(await count('rows')).toBe('5');
    expect(await count('inserted')).toBe('4');
    expect(await count('failed')).toBe('1');
    const rows = page.getByTestId('import-errors').locator('tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-line')).toBe('4');
    expect(await rows.first().innerText()).toMatch(/^4\tamount\t.*negative/);
    expect(await result.innerText()).toContain('1 of 5 rows were refused; the other rows were stored.');
    await page.screenshot({ path: artifact('data-import.png'), fullPage: true });

    // The good rows are in the database.
    const stored = await b.stack.huitou.context.db.selectFrom('orders').select('id').where('id', 'like', 'B10%').orderBy('id').execute();
    expect(stored.map((r) => r.id)).toEqual(['B1001', 'B1002', 'B1004', 'B1005']);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows the progress while a larger file is sent, and a refused header', async () => {
    const { page, errors } = await b.open('en-US');
    await page.goto(`${b.stack.baseUrl}/#/data`);
    await page.getByTestId('data-page').waitFor();
    // Record every value the bar takes, with the upload slowed to 1 MB/s (Chromium's own network
    // throttling), so the 2 MB file is sent over about two seconds, as over a real connection.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 1_000_000 });
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      new MutationObserver(() => {
        const v = document.querySelector('[data-testid="import-progress"]')?.getAttribute('aria-valuenow');
        if (v && seen[seen.length - 1] !== v) seen.push(v);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
    });
    const lines = ['customer_id,name,region'];
    for (let i = 0; i < 30_000; i++) lines.push(`big-${i},顾客${i},浙江省杭州市西湖区文三路${i}号`);
    await page.getByTestId('import-kind-customers').check();
    await page.getByTestId('import-file').setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(`${lines.join('\n')}\n`) });
    await page.getByTestId('import-upload').click();
    await page.getByTestId('import-result').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('import-inserted').getAttribute('data-value')).toBe('30000');
    const seen = (await page.evaluate(() => (window as unknown as { seen: string[] }).seen)).map(Number);
    expect(seen[seen.length - 1], String(seen)).toBe(100);
    expect(seen.filter((v) => v > 0 && v < 100).length, String(seen)).toBeGreaterThan(2);
    expect(seen).toEqual([...seen].sort((x, y) => x - y)); // never goes back

    // A file without the required id column is refused as a whole, naming the column.
    await page.getByTestId('import-kind-products').check();
    await page.getByTestId('import-file').setInputFiles({ name: 'products.csv', mimeType: 'text/csv', buffer: Buffer.from('name,category\n洁面乳,护肤\n') });
    await page.getByTestId('import-upload').click();
    const invalid = page.getByTestId('import-invalid');
    await invalid.waitFor();
    expect(await invalid.innerText()).toContain('Missing columns: product_id');
    expect(errors).toEqual([expect.stringContaining('status of 400')]);
    await page.context().close();
  });
});
