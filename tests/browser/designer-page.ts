import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

/**
 * What a person does on the designer's canvas, in Playwright terms. Selectors are the designer's
 * data-testid attributes; gestures are real mouse drags, as a marketer would make them.
 */
export class DesignerPage {
  constructor(readonly page: Page) {}

  byTestId(id: string): Locator {
    return this.page.getByTestId(id);
  }

  /** Ids of the steps on the canvas, in the order they were added. */
  async stepIds(): Promise<string[]> {
    return this.page
      .locator('[data-testid^="node-"][data-node-type]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('node-'.length)));
  }

  /** Drags a palette item onto the canvas at a point relative to the canvas; returns the new step's id. */
  async dragStep(nodeType: string, at: { x: number; y: number }): Promise<string> {
    return this.added(() => this.byTestId(`palette-${nodeType}`).dragTo(this.byTestId('canvas'), { targetPosition: at }));
  }

  /** Adds a step from the keyboard: focus its palette item and press Enter. */
  async addStepWithKeyboard(nodeType: string): Promise<string> {
    return this.added(async () => {
      await this.byTestId(`palette-${nodeType}`).focus();
      await this.page.keyboard.press('Enter');
    });
  }

  private async added(gesture: () => Promise<void>): Promise<string> {
    const before = new Set(await this.stepIds());
    await gesture();
    await expect.poll(async () => (await this.stepIds()).length).toBe(before.size + 1);
    return (await this.stepIds()).find((id) => !before.has(id))!;
  }

  /** Moves a step by dragging its title to a point relative to the canvas. */
  async moveStep(id: string, to: { x: number; y: number }): Promise<void> {
    const title = await box(this.byTestId(`node-${id}`).locator('.step-title'));
    const canvas = await box(this.byTestId('canvas'));
    await this.page.mouse.move(title.x + 10, title.y + title.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(canvas.x + to.x, canvas.y + to.y, { steps: 15 });
    await this.page.mouse.up();
  }

  /** Drags from an output port's handle to another step's input handle. */
  async connect(from: string, port: string, to: string): Promise<void> {
    const source = centre(await box(this.byTestId(`handle-${from}-${port}`)));
    const target = centre(await box(this.byTestId(`handle-${to}-in`)));
    await this.page.mouse.move(source.x, source.y);
    await this.page.mouse.down();
    await this.page.mouse.move(target.x, target.y, { steps: 12 });
    await this.page.mouse.up();
    // An edge is an SVG group Playwright never calls visible; being in the DOM is what counts.
    await this.edge(from, port, to).waitFor({ state: 'attached' });
  }

  edge(from: string, port: string, to: string): Locator {
    return this.page.locator(`.react-flow__edge[data-id="${from}:${port}->${to}"]`);
  }

  /** Selects a step by clicking its title; the inspector then shows its form. */
  async select(id: string): Promise<Locator> {
    await this.byTestId(`node-${id}`).locator('.step-title').click();
    const inspector = this.byTestId('inspector');
    await expect.poll(() => inspector.getAttribute('data-node-id')).toBe(id);
    return inspector;
  }

  /** Publish, then confirm in the dialog once it shows the journey's worst case (it asks first). */
  async publishConfirmed(): Promise<void> {
    await this.byTestId('publish').click();
    await this.byTestId('publish-summary').waitFor();
    await this.byTestId('publish-confirm').click();
  }

  async problemCount(): Promise<number> {
    return Number(await this.byTestId('problems-panel').getAttribute('data-count'));
  }

  /** Problem messages listed for one step (waits out the designer's short validation debounce). */
  async problemsOf(id: string): Promise<string[]> {
    return this.byTestId('problems-panel').locator(`li[data-node-id="${id}"]`).allInnerTexts();
  }
}

async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const b = await locator.boundingBox();
  if (!b) throw new Error(`${String(locator)} is not visible`);
  return b;
}

function centre(b: { x: number; y: number; width: number; height: number }): { x: number; y: number } {
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}
