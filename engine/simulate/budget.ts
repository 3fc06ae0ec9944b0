import type { Locale } from '../nodes/define';
import type { SimulatedMessage } from './services';
import type { SimulationStep } from './simulate';

/**
 * How much one simulation may do. A loop with a one-second wait over the allowed 400 days would
 * otherwise take some 69 million steps and return gigabytes, in the process that also runs the
 * journeys; a marketer's what-if never needs more than a few hundred steps.
 */
export interface SimulationBudget {
  /** Steps in the timeline (each node visit, each wait that ends). */
  steps: number;
  /** Messages recorded (sent, held, capped or skipped). */
  messages: number;
  /** Times the virtual clock moves forward (a wait, a timeout, a retry after quiet hours). */
  clockMoves: number;
  /** Real time spent, in milliseconds. */
  wallMs: number;
  /** The answer's size: the timeline and messages as UTF-8 JSON, in bytes (the envelope not counted). */
  responseBytes: number;
}

export type BudgetLimit = keyof SimulationBudget;

export const DEFAULT_SIMULATION_BUDGET: SimulationBudget = {
  steps: 5_000,
  messages: 1_000,
  clockMoves: 5_000,
  wallMs: 5_000,
  responseBytes: 2 * 1024 * 1024,
};

/** What a simulation has used so far; `exhausted` names the first limit reached. */
export class BudgetMeter {
  private readonly started: number;
  private clockMoves = 0;
  private bytes = 0;
  private countedSteps = 0;
  private countedMessages = 0;

  constructor(
    readonly budget: SimulationBudget,
    private readonly clock: () => number,
  ) {
    this.started = clock();
  }

  movedClock(): void {
    this.clockMoves += 1;
  }

  /** The first limit the run has gone past, counting what was added to `steps` and `messages` since the last call. */
  exhausted(steps: readonly SimulationStep[], messages: readonly SimulatedMessage[]): BudgetLimit | undefined {
    for (; this.countedSteps < steps.length; this.countedSteps++) this.bytes += jsonBytes(steps[this.countedSteps]);
    for (; this.countedMessages < messages.length; this.countedMessages++) this.bytes += jsonBytes(messages[this.countedMessages]);
    if (steps.length > this.budget.steps) return 'steps';
    if (messages.length > this.budget.messages) return 'messages';
    if (this.clockMoves > this.budget.clockMoves) return 'clockMoves';
    if (this.bytes > this.budget.responseBytes) return 'responseBytes';
    if (this.clock() - this.started > this.budget.wallMs) return 'wallMs';
    return undefined;
  }
}

const utf8 = new TextEncoder();
/** An item's size in the answer, its separating comma included. */
const jsonBytes = (item: unknown) => utf8.encode(JSON.stringify(item)).length + 1;

const limitNames: Record<Locale, Record<BudgetLimit, (max: number) => string>> = {
  en: {
    steps: (n) => `more than ${n} steps`,
    messages: (n) => `more than ${n} messages`,
    clockMoves: (n) => `more than ${n} waits`,
    wallMs: (n) => `more than ${n / 1000} seconds of work`,
    responseBytes: (n) => `a timeline larger than ${Math.round(n / 1024 / 1024)} MB`,
  },
  'zh-CN': {
    steps: (n) => `超过 ${n} 个步骤`,
    messages: (n) => `超过 ${n} 条消息`,
    clockMoves: (n) => `超过 ${n} 次等待`,
    wallMs: (n) => `超过 ${n / 1000} 秒的计算`,
    responseBytes: (n) => `超过 ${Math.round(n / 1024 / 1024)} MB 的时间线`,
  },
};

/** Why a simulation stopped early, in the marketer's language. */
export function budgetMessage(locale: Locale, limit: BudgetLimit, max: number): string {
  const what = limitNames[locale][limit](max);
  return locale === 'zh-CN'
    ? `模拟在 ${what} 后停止：以下是到此为止的经过。请缩短模拟时段，或检查旅程中的循环。`
    : `The simulation stopped after ${what}; here is what happened until then. Shorten the period simulated, or check the journey's loops.`;
}
