import type { Page } from 'playwright-core';

/**
 * What the designer bench measures in the page. Times come from the page's own clock
 * (performance.now), so the round trips of the automation protocol are not counted.
 */

/** True once `count` steps are on the canvas and React Flow has measured every one (it hides a node until then). */
const renderedScript = (count: number) => `(() => {
  const nodes = document.querySelectorAll('.react-flow__node');
  if (nodes.length < ${count}) return false;
  for (const n of nodes) if (n.style.visibility === 'hidden') return false;
  return true;
})()`;

/** A full page load straight into the editor (`#/journeys/<id>`): ms from navigation start to every step drawn. */
export async function openByNavigation(page: Page, baseUrl: string, id: string, count: number, run: number): Promise<number> {
  await page.goto(`${baseUrl}/?run=${run}#/journeys/${encodeURIComponent(id)}`);
  await page.waitForFunction(`(${renderedScript(count)}) && (window.__benchDrawnAt ??= performance.now())`, undefined, { polling: 'raf', timeout: 120_000 });
  return page.evaluate(() => (window as unknown as { __benchDrawnAt: number }).__benchDrawnAt);
}

/** From the journey list: ms from the click on "open" to every step drawn (the journey fetched and laid out). */
export async function openFromList(page: Page, baseUrl: string, id: string, count: number, run: number): Promise<number> {
  await page.goto(`${baseUrl}/?run=${run}`);
  const open = page.getByTestId(`open-${id}`);
  await open.waitFor();
  return page.evaluate(
    ({ id, count }) =>
      new Promise<number>((resolve) => {
        const drawn = () => {
          const nodes = document.querySelectorAll<HTMLElement>('.react-flow__node');
          return nodes.length >= count && [...nodes].every((n) => n.style.visibility !== 'hidden');
        };
        const start = performance.now();
        (document.querySelector(`[data-testid="open-${CSS.escape(id)}"]`) as HTMLButtonElement).click();
        const check = () => (drawn() ? resolve(performance.now() - start) : requestAnimationFrame(check));
        requestAnimationFrame(check);
      }),
    { id, count },
  );
}

export interface DragFigures {
  /** Time between consecutive animation frames during the drag, ms. */
  frames: number[];
  /** The whole drag, from the press to the release, ms. */
  ms: number;
  /** How far the step moved on the canvas, in canvas pixels. */
  moved: number;
}

/**
 * Drags a step that is fully in view across the canvas in `steps` mouse moves, recording every
 * animation frame's interval meanwhile. The step is picked near the canvas's centre.
 */
export async function dragStep(page: Page, steps = 60): Promise<DragFigures> {
  const target = await page.evaluate(() => {
    const canvas = document.querySelector('.react-flow')!.getBoundingClientRect();
    const cx = canvas.left + canvas.width / 2;
    const cy = canvas.top + canvas.height / 2;
    let best: { id: string; x: number; y: number; d: number } | null = null;
    for (const el of document.querySelectorAll<HTMLElement>('.react-flow__node')) {
      const r = el.getBoundingClientRect();
      if (r.left < canvas.left || r.right > canvas.right || r.top < canvas.top || r.bottom > canvas.bottom) continue;
      const x = r.left + r.width / 2;
      const y = r.top + Math.min(12, r.height / 2);
      const d = Math.hypot(x - cx, y - cy);
      if (!best || d < best.d) best = { id: el.dataset.id!, x, y, d };
    }
    return best && { id: best.id, x: best.x, y: best.y, width: canvas.width };
  });
  if (!target) throw new Error('no step is fully in view to drag');
  const position = () =>
    page.evaluate((id) => {
      const el = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`)!;
      const m = /translate\(([-\d.]+)px,\s*([-\d.]+)px\)/.exec(el.style.transform);
      return m ? { x: Number(m[1]), y: Number(m[2]) } : { x: 0, y: 0 };
    }, target.id);
  const before = await position();
  await page.evaluate(() => {
    const w = window as unknown as { __benchFrames: number[]; __benchRecording: boolean };
    w.__benchFrames = [];
    w.__benchRecording = true;
    let last = performance.now();
    const tick = (now: number) => {
      if (!w.__benchRecording) return;
      w.__benchFrames.push(now - last);
      last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame((now) => {
      last = now;
      requestAnimationFrame(tick);
    });
  });
  const start = await page.evaluate(() => performance.now());
  await page.mouse.move(target.x, target.y);
  await page.mouse.down();
  // Across a third of the canvas and a little down: a long drag that passes over other steps.
  await page.mouse.move(target.x + target.width / 3, target.y + 120, { steps });
  await page.mouse.up();
  // The frame that shows the drop.
  const ms = (await page.evaluate(() => new Promise<number>((r) => requestAnimationFrame(() => r(performance.now()))))) - start;
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __benchFrames: number[]; __benchRecording: boolean };
    w.__benchRecording = false;
    return w.__benchFrames;
  });
  const after = await position();
  return { frames, ms, moved: Math.hypot(after.x - before.x, after.y - before.y) };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const median = (values: readonly number[]) => percentile(values, 50);

/** Frames a 60 Hz display would have missed: an interval of n frame times drops n − 1 of them. */
export function droppedFrames(frames: readonly number[], frameMs = 1000 / 60): number {
  return frames.reduce((sum, f) => sum + Math.max(0, Math.round(f / frameMs) - 1), 0);
}
