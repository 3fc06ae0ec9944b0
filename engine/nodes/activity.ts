import { durationToMs } from '../journey/duration';
import type { ActivityOptions } from './define';

/** A duration: ISO 8601 (`PT30S`, `PT5M`) or milliseconds. */
export type ActionDuration = string | number;

export interface ActionRetry {
  /** Attempts in all, the first included; 1 means never retry. */
  maximumAttempts?: number;
  initialInterval?: ActionDuration;
  backoffCoefficient?: number;
  maximumInterval?: ActionDuration;
  /** Error names (`err.name`, or an ApplicationFailure's type) that fail at once, without retry. */
  nonRetryableErrorTypes?: string[];
}

/** How a step's activity is scheduled, as its file writes it: anything left out is the default. */
export interface ActivitySpec {
  /** How long one attempt may take; default one minute. */
  startToCloseTimeout?: ActionDuration;
  /** Retries; defaults: 20 attempts, 2 s doubling to 5 min. */
  retry?: ActionRetry;
}

/** The journey workflow's defaults for built-in actions; plugins start from the same. */
export const DEFAULT_ACTIVITY: ActivityOptions = {
  startToCloseTimeoutMs: 60_000,
  retry: { maximumAttempts: 20, initialIntervalMs: 2_000, backoffCoefficient: 2, maximumIntervalMs: 300_000 },
};

/**
 * Activity options in the plain JSON a published document carries (milliseconds), from what a
 * step's file wrote. A bad value throws through `fail`, naming the field.
 */
export function activityOptions(spec: ActivitySpec, fail: (field: string, reason: string) => never): ActivityOptions {
  const ms = (field: string, value: ActionDuration | undefined, fallback: number): number => {
    if (value === undefined) return fallback;
    if (typeof value === 'number') return value > 0 && Number.isFinite(value) ? value : fail(field, 'must be a positive number of milliseconds');
    try {
      const n = durationToMs(value);
      return n > 0 ? n : fail(field, 'must be positive');
    } catch (e) {
      return fail(field, `must be an ISO 8601 duration such as PT30S (${(e as Error).message})`);
    }
  };
  const r = spec.retry ?? {};
  const d = DEFAULT_ACTIVITY.retry;
  const maximumAttempts = r.maximumAttempts ?? d.maximumAttempts;
  if (!Number.isInteger(maximumAttempts) || maximumAttempts < 1) fail('retry.maximumAttempts', 'must be a whole number from 1');
  const backoffCoefficient = r.backoffCoefficient ?? d.backoffCoefficient;
  if (!(backoffCoefficient >= 1)) fail('retry.backoffCoefficient', 'must be at least 1');
  if (r.nonRetryableErrorTypes !== undefined && !(Array.isArray(r.nonRetryableErrorTypes) && r.nonRetryableErrorTypes.every((t) => typeof t === 'string'))) {
    fail('retry.nonRetryableErrorTypes', 'must be a list of error names');
  }
  return {
    startToCloseTimeoutMs: ms('startToCloseTimeout', spec.startToCloseTimeout, DEFAULT_ACTIVITY.startToCloseTimeoutMs),
    retry: {
      maximumAttempts,
      initialIntervalMs: ms('retry.initialInterval', r.initialInterval, d.initialIntervalMs),
      backoffCoefficient,
      maximumIntervalMs: ms('retry.maximumInterval', r.maximumInterval, d.maximumIntervalMs),
      ...(r.nonRetryableErrorTypes ? { nonRetryableErrorTypes: [...r.nonRetryableErrorTypes] } : {}),
    },
  };
}
