// `npm run bench -- designer`: the designer in Chromium (system /usr/bin/chromium through
// playwright-core, the flags the browser tests use) on the whole product, with a fresh production
// build. A generated journey of BENCH_STEPS steps (300) and, as the same run's baseline, one of
// BENCH_BASELINE_STEPS (14: one of each kind of block) are stored, then each is
//  - opened by a full page load straight into the editor (navigation start → every step drawn),
//  - opened from the journey list (click → every step drawn),
//  - dragged: a step near the canvas centre across a third of the canvas in 60 mouse steps, with
//    every animation frame's interval recorded in the page (p50 / p95 / max, frames dropped at 60 Hz).
// Figures and ratios are printed; nothing is asserted. docs/bench.md explains them.
import { cpus, loadavg, totalmem } from 'node:os';
import { chromium } from 'playwright-core';
import { generatedJourney } from './designer/journey';
import { droppedFrames, dragStep, median, openByNavigation, openFromList, percentile, type DragFigures } from './designer/page';
import { startDesignerStack } from './designer/stack';
import type { BenchResult } from './run';

const TARGET_OPEN_MS = 1000;

function whole(name: string, fallback: number, min: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be a whole number of at least ${min}, not "${value}"`);
  return n;
}

const note = (line: string) => console.error(`[designer bench] ${line}`);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const ms = (x: number) => `${Math.round(x)} ms`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

interface Figures {
  steps: number;
  navigation: number[];
  fromList: number[];
  drags: DragFigures[];
}

export const designerBenches = {
  async designer(): Promise<BenchResult> {
    const size = whole('BENCH_STEPS', 300, 3);
    const baselineSize = whole('BENCH_BASELINE_STEPS', 14, 3);
    const runs = whole('BENCH_RUNS', 3, 1);
    const cpu = cpus();
    const figures: Record<string, string> = {
      machine: `${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory`,
      'load average at start': load(),
    };
    note('building the designer and starting Huitou (its own Temporal dev server, the embedded database)');
    const stack = await startDesignerStack();
    const browser = await chromium.launch({
      executablePath: process.env.HUITOU_CHROMIUM ?? '/usr/bin/chromium',
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
    try {
      const baseUrl = stack.huitou.url!;
      const journeys = [generatedJourney('bench-baseline', baselineSize), generatedJourney('bench-large', size)];
      for (const j of journeys) {
        const saved = await stack.api<{ problems: unknown[] }>('/api/journeys', j);
        if (saved.status !== 201 || saved.body.problems.length > 0)
          throw new Error(`storing ${j.id} failed: ${saved.status} ${JSON.stringify(saved.body).slice(0, 300)}`);
      }
      const context = await browser.newContext({ viewport: { width: 1440, height: 1100 }, locale: 'zh-CN' });
      // tsx (esbuild, keepNames) wraps named functions in __name(...): the functions this bench
      // passes to page.evaluate need it to exist in the page.
      await context.addInitScript('globalThis.__name = (f) => f;');
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      // Signs in (the token goes to local storage) and warms the HTTP cache with the bundle.
      await page.goto(`${baseUrl}/#token=${stack.huitou.token}`);
      await page.getByTestId(`open-${journeys[0]!.id}`).waitFor();

      const measure = async (id: string, steps: number): Promise<Figures> => {
        const f: Figures = { steps, navigation: [], fromList: [], drags: [] };
        // One unmeasured open first: the first parse of the bundle's lazy parts is not what a marketer waits for each time.
        await openByNavigation(page, baseUrl, id, steps, 0);
        for (let run = 1; run <= runs; run++) {
          note(`${steps} steps: run ${run} of ${runs}`);
          f.navigation.push(await openByNavigation(page, baseUrl, id, steps, run));
          f.fromList.push(await openFromList(page, baseUrl, id, steps, run));
          f.drags.push(await dragStep(page));
        }
        return f;
      };
      const baseline = await measure(journeys[0]!.id, baselineSize);
      const large = await measure(journeys[1]!.id, size);

      const frames = (f: Figures) => f.drags.flatMap((d) => d.frames);
      const describe = (f: Figures, label: string) => {
        const all = frames(f);
        figures[`${label}: open by page load`] = `median ${ms(median(f.navigation))} (${f.navigation.map(ms).join(', ')})`;
        figures[`${label}: open from the list`] = `median ${ms(median(f.fromList))} (${f.fromList.map(ms).join(', ')})`;
        figures[`${label}: drag frames`] =
          `p50 ${percentile(all, 50).toFixed(1)} ms, p95 ${percentile(all, 95).toFixed(1)} ms, max ${Math.max(...all).toFixed(1)} ms over ${all.length} frames`;
        figures[`${label}: dropped frames (60 Hz)`] =
          `${f.drags.map((d) => droppedFrames(d.frames)).join(', ')} per drag (${f.drags.map((d) => ms(d.ms)).join(', ')} each; moved ${f.drags.map((d) => Math.round(d.moved)).join(', ')} px)`;
      };
      describe(baseline, `${baselineSize} steps (baseline)`);
      describe(large, `${size} steps`);
      figures[`${size} / ${baselineSize}: open by page load`] = ratio(median(large.navigation), median(baseline.navigation));
      figures[`${size} / ${baselineSize}: open from the list`] = ratio(median(large.fromList), median(baseline.fromList));
      figures[`${size} / ${baselineSize}: drag frame p95`] = ratio(percentile(frames(large), 95), percentile(frames(baseline), 95));
      figures[`target: ${size} steps open in`] =
        `≤ ${ms(TARGET_OPEN_MS)}: from the list ${ms(median(large.fromList))}, by page load ${ms(median(large.navigation))} (not asserted)`;
      figures['load average at end'] = load();
      if (errors.length > 0) figures['page errors'] = errors.slice(0, 3).join(' | ');
      await context.close();
    } finally {
      await browser.close();
      await stack.stop();
    }
    return { name: 'designer: 300 steps in Chromium against a small journey in the same run', figures };
  },
};
