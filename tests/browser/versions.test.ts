import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Journey } from '../../engine/journey/schema';
import { artifact, startBrowserStack, type BrowserStack } from '../kpis/browser';
import { exampleJourney } from '../support/journeys';
import { DesignerPage } from './designer-page';

/**
 * The version history in Chromium on the whole product: a payment reminder published twice (the
 * cool-off wait 2 → 3 days, a last-call SMS added), then opened in the designer. The history lists
 * both versions and the draft; the diff draws version 2 with the new step green, the changed wait
 * amber and the connections that came and went, and says so in words; a step deleted on the canvas
 * shows as a red ghost against the draft; version 1 is restored as the draft.
 */
describe('version history in the browser', () => {
  let b: BrowserStack;
  let id: string;

  beforeAll(async () => {
    b = await startBrowserStack();
    const v1 = exampleJourney('payment-reminder', (j) => {
      j.nodes.push({ id: 'cool-off', type: 'wait', config: { duration: 'P2D' } });
      j.edges = j.edges.filter((e) => e.from !== 'reminder-sms');
      j.edges.push({ from: 'reminder-sms', port: 'next', to: 'cool-off' }, { from: 'cool-off', port: 'next', to: 'done' });
      j.layout.positions['cool-off'] = { x: 360, y: 560 };
      j.layout.positions['done'] = { x: 200, y: 820 };
    });
    id = v1.id;
    expect((await b.stack.api('/api/journeys', { body: v1 })).status).toBe(201);
    expect((await b.stack.api(`/api/journeys/${id}/publish`, { method: 'POST' })).body.version).toBe(1);
    const v2: Journey = structuredClone(v1);
    v2.nodes.find((n) => n.id === 'cool-off')!.config.duration = 'P3D';
    v2.nodes.push({ id: 'last-call', type: 'message.send', config: { channel: 'sms', template: '最后提醒：订单{{order.id}}即将关闭' } });
    v2.edges = v2.edges.filter((e) => e.from !== 'cool-off');
    v2.edges.push({ from: 'cool-off', port: 'next', to: 'last-call' }, { from: 'last-call', port: 'next', to: 'done' });
    v2.layout.positions['last-call'] = { x: 360, y: 690 };
    expect((await b.stack.api(`/api/journeys/${id}`, { method: 'PUT', body: v2 })).status).toBe(200);
    expect((await b.stack.api(`/api/journeys/${id}/publish`, { method: 'POST' })).body.version).toBe(2);
  });
  afterAll(() => b?.close());

  it('compares version 1 with version 2 on a canvas and in words, then restores version 1', async () => {
    const { page, errors } = await b.open('zh-CN');
    const d = new DesignerPage(page);
    await d.byTestId(`open-${id}`).click();
    await expect.poll(() => d.stepIds()).toContain('last-call');

    expect(await d.byTestId('open-versions').innerText()).toBe('版本');
    await d.byTestId('open-versions').click();
    const panel = d.byTestId('versions-panel');
    await panel.waitFor();
    await expect.poll(() => d.byTestId('versions-list').locator('.version-name').allInnerTexts()).toEqual(['当前草稿', '版本 2', '版本 1']);
    expect(await d.byTestId('version-2').innerText()).toContain('运行中');
    expect(await d.byTestId('version-1').innerText()).toContain('8 个步骤');
    // The draft is version 2 unchanged, so the latest two versions are compared.
    const compare = d.byTestId('versions-compare');
    await expect.poll(() => compare.getAttribute('data-older')).toBe('1');
    expect(await compare.getAttribute('data-newer')).toBe('2');
    expect(await compare.locator('h3').first().innerText()).toBe('版本 1 → 版本 2');

    const status = (node: string) => d.byTestId(`diff-node-${node}`).getAttribute('data-diff-status');
    await expect.poll(() => status('last-call')).toBe('added');
    expect(await status('cool-off')).toBe('changed');
    expect(await status('await-payment')).toBe('same');
    expect(await d.byTestId('diff-node-cool-off').locator('.diff-tag').innerText()).toBe('修改');
    expect(await d.byTestId('diff-node-last-call').locator('.step-summary').innerText()).toContain('短信');
    const edge = (key: string) => d.byTestId('diff-canvas').locator(`.react-flow__edge[data-id="${key}"]`);
    await edge('cool-off:next->last-call').waitFor({ state: 'attached' });
    expect(await edge('cool-off:next->last-call').getAttribute('class')).toContain('diff-edge-added');
    expect(await edge('cool-off:next->done').getAttribute('class')).toContain('diff-edge-removed');
    expect(await edge('trigger:next->await-payment').getAttribute('class')).toContain('diff-edge-same');

    const changes = d.byTestId('diff-changes').locator('li');
    const texts = await changes.allInnerTexts();
    expect(texts).toContain('等待 2 天 → 3 天');
    expect(texts).toContain('新增步骤 发送消息：短信 · 最后提醒：订单{{order.id}}即将关闭');
    expect(texts).toContain('新增连线 等待（之后）→ 发送消息');
    expect(texts).toContain('删除连线 等待（之后）→ 结束');
    expect(texts).toHaveLength(5);
    expect(await d.byTestId('diff-changes').locator('li[data-node-id="cool-off"][data-kind="changed"]').count()).toBe(1);
    await page.screenshot({ path: artifact('versions-diff.png') });
    await d.byTestId('versions-close').click();
    expect(await panel.count()).toBe(0);

    // A step deleted on the canvas: the draft against version 2 shows it as a red ghost.
    await d.select('call-task');
    await d.byTestId('delete-node').click();
    await expect.poll(() => d.stepIds()).not.toContain('call-task');
    await d.byTestId('open-versions').click();
    await expect.poll(() => compare.getAttribute('data-newer')).toBe('draft');
    expect(await compare.getAttribute('data-older')).toBe('2');
    expect(await d.byTestId('version-draft').innerText()).toContain('有未保存的修改');
    await expect.poll(() => status('call-task')).toBe('removed');
    expect(await d.byTestId('diff-node-call-task').evaluate((el) => getComputedStyle(el).borderStyle)).toBe('dashed');
    expect(await d.byTestId('diff-changes').locator('li').allInnerTexts()).toEqual(
      expect.arrayContaining(['删除步骤 发送消息', '删除连线 条件判断（是）→ 发送消息', '删除连线 发送消息（之后）→ 结束']),
    );
    await page.screenshot({ path: artifact('versions-draft-diff.png') });

    // Picking: untick the draft and tick version 1 → version 1 against version 2 again.
    await d.byTestId('pick-draft').click();
    await d.byTestId('pick-version-1').click();
    await expect.poll(() => compare.getAttribute('data-older')).toBe('1');
    expect(await compare.getAttribute('data-newer')).toBe('2');
    await expect.poll(() => status('last-call')).toBe('added');

    // Restore version 1 as the draft, after confirming.
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.accept();
    });
    await d.byTestId('restore-version-1').click();
    await expect.poll(() => panel.count()).toBe(0);
    expect(dialogs[0]).toContain('版本 1');
    await expect.poll(() => d.stepIds()).not.toContain('last-call');
    expect(await d.stepIds()).toContain('call-task');
    expect(await d.byTestId('node-cool-off').locator('.step-summary').innerText()).toBe('2 天');
    expect(await d.byTestId('save-state').getAttribute('data-dirty')).toBe('false');

    const { body } = await b.stack.api<{ journey: Journey }>(`/api/journeys/${id}`);
    expect(body.journey).toMatchObject({ status: 'live', version: 2 });
    expect(body.journey.nodes.find((n) => n.id === 'cool-off')!.config.duration).toBe('P2D');
    expect(body.journey.nodes.map((n) => n.id)).not.toContain('last-call');
    // The draft is stored as drafts are: without what publishing stamps.
    expect(body.journey.nodes.some((n) => n.typeVersion !== undefined)).toBe(false);
    // Its history is unchanged: restoring is an edit of the draft, not a publish.
    const list = await b.stack.api<{ versions: { version: number }[] }>(`/api/journeys/${id}/versions`);
    expect(list.body.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('reads the changes in English', async () => {
    const { page, errors } = await b.open('en-US');
    await page.getByTestId(`open-${id}`).click();
    await page.getByTestId('open-versions').click();
    // The draft is version 1 restored, so it differs from version 2: version 2 → draft.
    const compare = page.getByTestId('versions-compare');
    await expect.poll(() => compare.getAttribute('data-newer')).toBe('draft');
    await expect
      .poll(() => page.getByTestId('diff-changes').locator('li').allInnerTexts())
      .toEqual(expect.arrayContaining(['Wait 3 days → 2 days', 'Removed step Send message']));
    expect(await page.getByTestId('diff-node-last-call').getAttribute('data-diff-status')).toBe('removed');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('says a new journey has no versions yet, with no error', async () => {
    const { page, errors } = await b.open('en-US');
    await page.getByTestId('new-journey-name').fill('Not yet published');
    await page.getByTestId('new-journey-create').click();
    await page.getByTestId('open-versions').click();
    const list = page.getByTestId('versions-list');
    await expect.poll(() => list.innerText()).toContain('Not published yet');
    expect(await list.innerText()).toContain('Current draft');
    expect(await page.getByTestId('versions-panel').locator('.notice-error').count()).toBe(0);
    expect(await page.getByTestId('diff-canvas').count()).toBe(0);
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('versions-panel').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
