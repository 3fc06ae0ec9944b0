import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Journey } from '../../engine/journey/schema';
import { artifact, startBrowserStack, type BrowserStack } from '../kpis/browser';
import { DesignerPage } from './designer-page';

/**
 * Editing in Chromium on the whole product, in Chinese: undo / redo of add, connect and move;
 * box selection, copy and paste of a three-step sub-graph within a journey and into another one;
 * auto-layout and its undo; autosave; the shortcut list; edits that survive a reload.
 */
describe('designer editing in the browser', () => {
  let b: BrowserStack;
  beforeAll(async () => {
    b = await startBrowserStack();
  });
  afterAll(() => b?.close());

  /** Where React Flow draws a step (flow coordinates, from its transform). */
  async function positionOf(page: Page, id: string): Promise<{ x: number; y: number }> {
    const transform = await page.locator(`.react-flow__node[data-id="${id}"]`).evaluate((el) => (el as HTMLElement).style.transform);
    const m = /translate\(([-\d.]+)px, ([-\d.]+)px\)/.exec(transform);
    if (!m) throw new Error(`no position in "${transform}"`);
    return { x: Number(m[1]), y: Number(m[2]) };
  }

  const selectedIds = (page: Page) => page.locator('.react-flow__node.selected').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')!));
  const edgeIds = (page: Page) => page.locator('.react-flow__edge').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')!));

  async function createJourney(doc: Partial<Journey> & { id: string; name: string }): Promise<void> {
    const res = await b.stack.api('/api/journeys', { method: 'POST', body: doc });
    expect(res.status).toBe(201);
  }

  async function openJourneyFromList(d: DesignerPage, id: string): Promise<void> {
    await d.byTestId(`open-${id}`).click();
    await d.byTestId('editing-toolbar').waitFor();
  }

  it('undoes and redoes adding, connecting and moving steps, from the toolbar and the keyboard', async () => {
    const { page, errors } = await b.open('zh-CN');
    const d = new DesignerPage(page);
    await d.byTestId('new-journey-name').fill('撤销重做');
    await d.byTestId('new-journey-create').click();
    await d.byTestId('canvas-empty').waitFor();
    expect(await d.byTestId('undo').innerText()).toContain('撤销');
    expect(await d.byTestId('undo').isDisabled()).toBe(true);
    expect(await d.byTestId('redo').isDisabled()).toBe(true);

    const trigger = await d.dragStep('trigger.event', { x: 440, y: 80 });
    const exit = await d.dragStep('exit', { x: 440, y: 300 });
    await d.connect(trigger, 'next', exit);
    const before = await positionOf(page, exit);
    await d.moveStep(exit, { x: 760, y: 420 });
    const moved = await positionOf(page, exit);
    expect(moved.x - before.x).toBeGreaterThan(200);
    expect(await d.byTestId('undo').isDisabled()).toBe(false);

    // The move, one step however many positions the drag reported.
    await d.byTestId('undo').click();
    await expect.poll(() => positionOf(page, exit)).toEqual(before);
    // The connection, then the exit, from the keyboard.
    await page.keyboard.press('Control+z');
    await expect.poll(() => edgeIds(page)).toEqual([]);
    await page.keyboard.press('Control+z');
    await expect.poll(() => d.stepIds()).toEqual([trigger]);
    expect(await d.byTestId('redo').isDisabled()).toBe(false);

    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(() => d.stepIds()).toEqual([trigger, exit]);
    await page.keyboard.press('Control+y');
    await expect.poll(() => edgeIds(page)).toEqual([`${trigger}:next->${exit}`]);
    await d.byTestId('redo').click();
    await expect.poll(() => positionOf(page, exit)).toEqual(moved);
    expect(await d.byTestId('redo').isDisabled()).toBe(true);

    // Duplicate and cut the exit: one step each, undone like the rest.
    await d.select(exit);
    await page.keyboard.press('Control+d');
    await expect.poll(async () => (await d.stepIds()).length).toBe(3);
    const copy = (await d.stepIds())[2]!;
    expect(await selectedIds(page)).toEqual([copy]);
    await page.keyboard.press('Control+x');
    await expect.poll(() => d.stepIds()).toEqual([trigger, exit]);
    await page.keyboard.press('Control+z');
    await expect.poll(() => d.stepIds()).toEqual([trigger, exit, copy]);
    await page.keyboard.press('Control+z');
    await expect.poll(() => d.stepIds()).toEqual([trigger, exit]);

    // Typing in a field keeps the field's own undo: the journey's steps stay.
    await d.byTestId('journey-name').click();
    await page.keyboard.press('Control+z');
    expect(await d.stepIds()).toEqual([trigger, exit]);

    // The shortcut list, in Chinese, from "?" and closed by Esc.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('?');
    const help = d.byTestId('shortcut-help');
    await help.waitFor();
    expect(await help.locator('h2').innerText()).toBe('键盘快捷键');
    expect(await help.innerText()).toContain('缩放至全部可见');
    await page.screenshot({ path: artifact('editing-shortcuts.png') });
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    await page.screenshot({ path: artifact('editing-undo-redo.png') });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('copies a box-selected sub-graph, pastes it in the journey and into another, tidies up and autosaves', async () => {
    const steps = [
      { id: 'trigger', type: 'trigger.event', config: { eventType: 'order.created' } },
      { id: 'wait', type: 'wait', config: { duration: 'PT1H' } },
      { id: 'check', type: 'condition', config: { conditions: { all: [] } } },
      { id: 'sms', type: 'message.send', config: { channel: 'sms', template: '您好 {{customer.name}}' } },
      { id: 'done', type: 'exit', config: {} },
    ];
    await createJourney({
      id: 'j-copy-source',
      name: '复制来源',
      nodes: steps,
      edges: [
        { from: 'trigger', port: 'next', to: 'wait' },
        { from: 'wait', port: 'next', to: 'check' },
        { from: 'check', port: 'yes', to: 'sms' },
        { from: 'check', port: 'no', to: 'done' },
        { from: 'sms', port: 'next', to: 'done' },
      ],
      layout: { positions: { trigger: { x: 0, y: 0 }, wait: { x: 420, y: 0 }, check: { x: 420, y: 170 }, sms: { x: 420, y: 340 }, done: { x: 0, y: 340 } } },
    });
    await createJourney({
      id: 'j-copy-target',
      name: '粘贴目标',
      nodes: [steps[0]!, steps[4]!],
      edges: [{ from: 'trigger', port: 'next', to: 'done' }],
      layout: { positions: { trigger: { x: 0, y: 0 }, done: { x: 0, y: 200 } } },
    });

    const { page, errors } = await b.open('zh-CN');
    // The system clipboard when the browser grants it; the test passes on the stored copy as well.
    await page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: b.stack.baseUrl })
      .catch(() => undefined);
    const d = new DesignerPage(page);
    await openJourneyFromList(d, 'j-copy-source');
    await expect.poll(() => d.stepIds()).toEqual(['trigger', 'wait', 'check', 'sms', 'done']);

    // Shift-drag a box around wait, check and sms (nothing else lies wholly inside it).
    const boxes = await Promise.all(['wait', 'check', 'sms'].map((id) => d.byTestId(`node-${id}`).boundingBox()));
    const left = Math.min(...boxes.map((x) => x!.x)) - 20;
    const top = Math.min(...boxes.map((x) => x!.y)) - 20;
    const right = Math.max(...boxes.map((x) => x!.x + x!.width)) + 20;
    const bottom = Math.max(...boxes.map((x) => x!.y + x!.height)) + 20;
    await page.keyboard.down('Shift');
    await page.mouse.move(left, top);
    await page.mouse.down();
    await page.mouse.move(right, bottom, { steps: 12 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await expect.poll(async () => (await selectedIds(page)).sort()).toEqual(['check', 'sms', 'wait']);

    await page.keyboard.press('Control+c');
    await expect.poll(() => d.byTestId('notice').innerText()).toContain('已复制 3 个步骤');
    await page.keyboard.press('Control+v');
    await expect.poll(async () => (await d.stepIds()).length).toBe(8);
    const pasted = (await d.stepIds()).slice(5);
    expect(pasted.every((id) => !steps.some((s) => s.id === id))).toBe(true);
    expect((await selectedIds(page)).sort()).toEqual([...pasted].sort());
    const [pWait, pCheck, pSms] = pasted;
    expect(await d.byTestId(`node-${pWait}`).getAttribute('data-node-type')).toBe('wait');
    expect(await d.byTestId(`node-${pSms}`).getAttribute('data-node-type')).toBe('message.send');
    await expect.poll(() => edgeIds(page)).toEqual(expect.arrayContaining([`${pWait}:next->${pCheck}`, `${pCheck}:yes->${pSms}`]));
    expect(await edgeIds(page)).toHaveLength(7);
    // Offset from the original, not on top of it.
    const original = await positionOf(page, 'wait');
    const copy = await positionOf(page, pWait!);
    expect(copy.x - original.x).toBeGreaterThanOrEqual(40);
    expect(copy.y - original.y).toBeGreaterThanOrEqual(40);
    await page.screenshot({ path: artifact('editing-pasted.png') });

    // Tidy up: positions change, the copy no longer overlaps; one undo puts every step back.
    const positions = async () => Object.fromEntries(await Promise.all((await d.stepIds()).map(async (id) => [id, await positionOf(page, id)] as const)));
    const drawn = await positions();
    await d.byTestId('auto-layout').click();
    // ELK's worker (1.6 MB) loads on this first use.
    await expect.poll(positions, { timeout: 15_000 }).not.toEqual(drawn);
    const laid = await positions();
    expect(laid.trigger!.y).toBeLessThan(laid.wait!.y);
    expect(laid.wait!.y).toBeLessThan(laid.check!.y);
    expect(laid.sms!.x).toBeLessThan(laid.done!.x); // "yes" left of "no"
    await page.screenshot({ path: artifact('editing-auto-layout.png') });
    await page.keyboard.press('Control+z');
    await expect.poll(positions).toEqual(drawn);
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(positions).toEqual(laid);

    // The draft saves itself a few seconds after the last edit, with the pasted steps.
    const saveState = d.byTestId('save-state');
    await expect.poll(() => saveState.getAttribute('data-dirty'), { timeout: 15_000 }).toBe('false');
    expect(await saveState.innerText()).toContain('已自动保存');
    const stored = (await b.stack.api<{ journey: Journey }>('/api/journeys/j-copy-source')).body.journey;
    expect(stored.nodes.map((n) => n.id)).toEqual(['trigger', 'wait', 'check', 'sms', 'done', ...pasted]);
    expect(stored.layout.positions[pWait!]).toEqual(laid[pWait!]);
    expect(stored.status).toBe('draft');

    // Into the other journey: everything copied, the trigger refused (that journey has one).
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Control+c');
    await expect.poll(() => d.byTestId('notice').innerText()).toContain('已复制 8 个步骤');
    await d.byTestId('back').click();
    await openJourneyFromList(d, 'j-copy-target');
    await expect.poll(() => d.stepIds()).toEqual(['trigger', 'done']);
    expect(await d.byTestId('undo').isDisabled()).toBe(true); // another journey's history is not this one's
    await page.keyboard.press('Control+v');
    await expect.poll(async () => (await d.stepIds()).length).toBe(9);
    expect(await d.byTestId('notice').innerText()).toContain('已有触发器');
    expect(await page.locator('[data-node-type="trigger.event"]').count()).toBe(1);
    // The three-step sub-graph came along with its connections.
    const waits = await page.locator('[data-node-type="wait"]').count();
    expect(waits).toBe(2);
    expect((await edgeIds(page)).length).toBe(1 + 6); // its own, and the copied ones not from the trigger
    await page.screenshot({ path: artifact('editing-pasted-other-journey.png') });
    await page.keyboard.press('Control+z');
    await expect.poll(() => d.stepIds()).toEqual(['trigger', 'done']);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('keeps a new journey and unsaved edits across a reload', async () => {
    const { page, errors } = await b.open('zh-CN');
    const d = new DesignerPage(page);
    await d.byTestId('new-journey-name').fill('刷新不丢');
    await d.byTestId('new-journey-create').click();
    await d.byTestId('canvas-empty').waitFor();
    const trigger = await d.dragStep('trigger.event', { x: 440, y: 80 });
    const exit = await d.dragStep('exit', { x: 440, y: 300 });
    await d.connect(trigger, 'next', exit);
    expect(page.url()).toContain('#/journeys/');
    const id = page.url().split('#/journeys/')[1]!;
    // Not on the server: it is new until saved.
    expect((await b.stack.api(`/api/journeys/${id}`)).status).toBe(404);

    await page.waitForTimeout(500); // the browser copy is written a moment after an edit
    await page.reload();
    await expect.poll(() => d.stepIds(), { timeout: 10_000 }).toEqual([trigger, exit]);
    expect(await d.byTestId('journey-name').inputValue()).toBe('刷新不丢');
    expect(await d.byTestId('notice').innerText()).toContain('尚未保存到服务器');
    expect(await edgeIds(page)).toEqual([`${trigger}:next->${exit}`]);

    // Saved, then edited and reloaded at once: the edit is back (from the browser or the autosave).
    await d.byTestId('save').click();
    await expect.poll(() => d.byTestId('save-state').getAttribute('data-dirty'), { timeout: 10_000 }).toBe('false');
    expect((await b.stack.api(`/api/journeys/${id}`)).status).toBe(200);
    await d.byTestId('journey-name').fill('刷新不丢 改过');
    await page.waitForTimeout(500);
    await page.reload();
    await expect.poll(() => d.byTestId('journey-name').inputValue(), { timeout: 10_000 }).toBe('刷新不丢 改过');
    const server = (await b.stack.api<{ journey: Journey }>(`/api/journeys/${id}`)).body.journey;
    if (server.name !== '刷新不丢 改过') expect(await d.byTestId('notice').innerText()).toContain('已恢复您上次未保存的修改');
    // Restored edits of a stored journey are autosaved like any edit.
    await expect.poll(() => d.byTestId('save-state').getAttribute('data-dirty'), { timeout: 15_000 }).toBe('false');
    expect((await b.stack.api<{ journey: Journey }>(`/api/journeys/${id}`)).body.journey.name).toBe('刷新不丢 改过');
    await page.screenshot({ path: artifact('editing-restored.png') });
    // Chromium logs the 404 of asking the server for the journey it did not have yet; nothing else.
    expect(errors.filter((e) => !e.includes('status of 404'))).toEqual([]);
    await page.context().close();
  });
});
