import type { z } from 'zod';
import { defineChannel } from '../channels/define';
import { activityOptions } from './activity';
import { defineNode, type ActionRun, type NodeDefinition, type NodeSpec } from './define';

/**
 * What a plugin writes: the same vocabulary as a built-in step (`config`, `run`, `labels`,
 * `ports`, `sends`, `activity`, `channels`), for an action. The category defaults to `action`.
 */
export type ActionSpec<S extends z.ZodType> = Omit<NodeSpec<S>, 'category' | 'run' | 'behaviour' | 'ports'> & {
  /** Palette group: `action` (default) or `flow`. */
  category?: 'action' | 'flow';
  /** Output ports; default `['next']`. */
  ports?: NodeSpec<S>['ports'];
  run: ActionRun<z.infer<S>>;
};

const TYPE_PATTERN = /^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$/;

/**
 * Defines an action node type (a plugin): defineNode, with the checks a plugin needs because
 * nothing compiled it with Huitou. Its activity options (the defaults when it gives none) travel
 * in published journeys, so the workflow schedules it without containing the plugin's code. Bad
 * specs throw here, naming the field, so a plugin fails when it is loaded rather than when a
 * customer reaches it.
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
  if (!spec.config || typeof (spec.config as { safeParse?: unknown }).safeParse !== 'function') fail('config', 'must be a zod schema');
  if (typeof spec.run !== 'function') fail('run', 'must be a function');
  if (spec.sends !== undefined && typeof spec.sends !== 'function') fail('sends', 'must be a function of the config');
  if (spec.channels !== undefined && !Array.isArray(spec.channels)) fail('channels', 'must be a list of channels (defineChannel)');
  const channels = spec.channels?.map((c) => defineChannel(c));
  const activity = activityOptions(spec.activity ?? {}, (field, reason) => fail(`activity.${field}`, reason));
  const { activity: _written, ...rest } = spec;
  const definition = defineNode<S>({
    ...rest,
    category: spec.category ?? 'action',
    ports: spec.ports ?? ['next'],
    ...(channels ? { channels } : {}),
  } as NodeSpec<S>);
  return { ...definition, activity };
}
