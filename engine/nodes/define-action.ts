import type { z } from 'zod';
import { durationToMs } from '../journey/duration';
import type { ActionContext, ActionResult, ActivityOptions, Locale, NodeDefinition, NodeLabels } from './define';

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

/** What a plugin author writes: one file, one call. */
export interface ActionSpec<S extends z.ZodType> {
  /** Lower-case words joined by "." or "-", e.g. `dingtalk.robot`. */
  type: string;
  /** Bump when behaviour or config changes; journeys published earlier keep their version. */
  version: number;
  labels: Record<Locale, NodeLabels>;
  /** Palette group: `action` (default) or `flow`. */
  category?: 'action' | 'flow';
  /** A palette icon: an emoji or a short symbol. */
  icon?: string;
  /** The config form and its validation; the designer renders the form from its JSON Schema. */
  configSchema: S;
  /** Output ports; default `['next']`. */
  ports?: string[] | ((config: z.infer<S>) => string[]);
  /** How long one attempt may take; default one minute. */
  startToCloseTimeout?: ActionDuration;
  /** Retries; defaults are the built-in actions' (20 attempts, 2 s doubling to 5 min). */
  retry?: ActionRetry;
  /**
   * The channel one visit sends on (e.g. `dingtalk`), or undefined when it sends nothing, for the
   * journey summary's worst-case counts. Absent: each visit counts as one under the action's type.
   */
  sends?: (config: z.infer<S>) => string | undefined;
  /** Does the work. Throw to fail the attempt (it is retried per `retry`). */
  execute(config: z.infer<S>, ctx: ActionContext): Promise<ActionResult | void>;
}

/** The journey workflow's defaults for built-in actions; plugins start from the same. */
export const DEFAULT_ACTIVITY: ActivityOptions = {
  startToCloseTimeoutMs: 60_000,
  retry: { maximumAttempts: 20, initialIntervalMs: 2_000, backoffCoefficient: 2, maximumIntervalMs: 300_000 },
};

const TYPE_PATTERN = /^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$/;

/**
 * Defines an action node type (a plugin). The result is an ordinary NodeDefinition with the
 * `action` behaviour; its activity options travel in published journeys, so the workflow can
 * schedule it with them without containing the plugin's code. Bad specs throw here, naming the
 * field, so a plugin fails when it is loaded rather than when a customer reaches it.
 */
export function defineAction<S extends z.ZodType>(spec: ActionSpec<S>): NodeDefinition<S> {
  const where = `action "${String(spec.type)}"`;
  const fail = (field: string, reason: string): never => {
    throw new Error(`${where}: ${field} ${reason}`);
  };
  if (typeof spec.type !== 'string' || !TYPE_PATTERN.test(spec.type)) fail('type', 'must be lower-case words joined by "." or "-", e.g. "dingtalk.robot"');
  if (!Number.isInteger(spec.version) || spec.version < 1) fail('version', 'must be a whole number from 1');
  for (const locale of ['zh-CN', 'en'] as const) {
    const l = spec.labels?.[locale];
    if (!l || typeof l.title !== 'string' || !l.title || typeof l.description !== 'string') fail(`labels.${locale}`, 'needs a title and a description');
  }
  if (spec.category !== undefined && spec.category !== 'action' && spec.category !== 'flow') fail('category', 'must be "action" or "flow"');
  if (!spec.configSchema || typeof (spec.configSchema as { safeParse?: unknown }).safeParse !== 'function') fail('configSchema', 'must be a zod schema');
  if (typeof spec.execute !== 'function') fail('execute', 'must be a function');
  if (spec.sends !== undefined && typeof spec.sends !== 'function') fail('sends', 'must be a function of the config');
  const ports = spec.ports ?? ['next'];
  const activity = activityOptions(spec, fail);
  return {
    type: spec.type,
    version: spec.version,
    category: spec.category ?? 'action',
    labels: spec.labels,
    config: spec.configSchema,
    ports: typeof ports === 'function' ? ports : () => ports,
    ...(spec.icon ? { icon: spec.icon } : {}),
    ...(spec.sends ? { sends: spec.sends } : {}),
    activity,
    behaviour: {
      kind: 'action',
      run: async (config, ctx) => (await spec.execute(config, ctx)) ?? {},
    },
  };
}

function activityOptions(spec: ActionSpec<z.ZodType>, fail: (field: string, reason: string) => never): ActivityOptions {
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
