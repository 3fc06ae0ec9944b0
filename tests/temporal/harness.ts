import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { Journey } from '../../engine/index';
import { projectRoot } from '../../server/config';
import { serverExecutable } from '../../server/temporal/binaries';

/**
 * Shared by the time-skipping suites and `record-histories.ts` (which runs outside vitest, so
 * nothing here may use `inject`).
 */

/**
 * Errors only, from the SDK and its core. The test server does not advertise every capability the
 * SDK asks about, so core warns about it once per worker. Call before the first worker or client.
 */
export function quietTemporalForTests(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } } });
  } catch {
    // already installed in this process (another suite's settings stand)
  }
}

/** Temporal's time-skipping test server: timers fire as soon as nothing else is running. */
export async function createTimeSkippingEnvironment(log?: (message: string) => void): Promise<TestWorkflowEnvironment> {
  const cacheDir = join(projectRoot, '.huitou', 'bin');
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: serverExecutable('testServer', { cacheDir, ...(log ? { log } : {}) }) },
  });
}

/** Recorded workflow histories (`<scenario>.json`) and the journeys they ran (`*.journey.json`). */
export const historiesDir = join(projectRoot, 'tests', 'temporal', 'histories');

/** The workflow id a history was recorded under; replay derives it from the file name. */
export const historyWorkflowId = (fileStem: string) => `history-${fileStem}`;

/** The wait node of `threeDayWaitJourney`. */
export const THREE_DAY_WAIT_NODE = 'wait-3-days';

/** A plain-timer journey: trigger → wait P3D → SMS → exit. */
export function threeDayWaitJourney(id = 'three-day-wait'): Journey {
  return {
    schemaVersion: 1,
    id,
    name: '三天后提醒 Three-day reminder',
    description: 'Three days after an order, one SMS. Exercises the `wait` node (a Temporal timer).',
    status: 'draft',
    version: 0,
    nodes: [
      { id: 'trigger', type: 'trigger.event', config: { eventType: 'order.created', perOrder: true } },
      { id: THREE_DAY_WAIT_NODE, type: 'wait', config: { duration: 'P3D' } },
      { id: 'reminder-sms', type: 'message.send', config: { channel: 'sms', template: '亲爱的{{customer.name}}，您的订单{{order.id}}已送达三天，欢迎评价。' } },
      { id: 'done', type: 'exit', config: {} },
    ],
    edges: [
      { from: 'trigger', port: 'next', to: THREE_DAY_WAIT_NODE },
      { from: THREE_DAY_WAIT_NODE, port: 'next', to: 'reminder-sms' },
      { from: 'reminder-sms', port: 'next', to: 'done' },
    ],
    settings: { timezone: 'Asia/Shanghai', reEntry: 'never', priority: 5, exitWhen: [] },
    layout: { positions: {} },
  };
}
