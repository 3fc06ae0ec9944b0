import { MAX_JSON_DEPTH, tooDeepAt, tooDeepMessage } from '../limits/json-depth';
import type { Locale } from '../nodes/define';
import { topLevelConditionSchema, type TopLevelCondition } from '../rules/conditions';
import { conditionProblems } from './condition-problems';
import { plainMessages } from './parse-messages';
import { formatPath, type Problem } from './problems';
import { zodProblems } from './validate';

export type ConditionCheck = { ok: true; condition: TopLevelCondition } | { ok: false; problems: Problem[] };

/**
 * A condition standing alone (a segment's), checked as validateJourney checks one inside a journey:
 * its depth, its shape, then every rule; problems under `path` (e.g. `condition.all.0.value`).
 */
export function validateCondition(input: unknown, path: (string | number)[], locale: Locale = 'en'): ConditionCheck {
  const deep = tooDeepAt(input, MAX_JSON_DEPTH);
  if (deep) {
    const at = formatPath([...path, ...deep]);
    return { ok: false, problems: [{ path: at, code: 'invalid', message: tooDeepMessage(locale, at) }] };
  }
  const parsed = topLevelConditionSchema.safeParse(input, plainMessages);
  if (!parsed.success) return { ok: false, problems: zodProblems(parsed.error, path, locale) };
  const problems = conditionProblems(parsed.data, path, locale);
  return problems.length === 0 ? { ok: true, condition: parsed.data } : { ok: false, problems };
}
