import { findFact } from '../facts/catalog';
import type { Locale } from '../nodes/define';
import { leaves, type Condition } from '../rules/conditions';
import { operatorNames } from '../rules/operators';
import { valueProblem, valueProblemMessage } from '../rules/value-check';
import { formatPath, problemMessage, type Problem } from './problems';

/**
 * Every rule of a condition names a known fact and operator and gives a value that fits them: the
 * check a journey's conditions get (validate.ts), shared with segments, so both say the same thing
 * under the same path.
 */
export function conditionProblems(condition: Condition, path: (string | number)[], locale: Locale, nodeId?: string): Problem[] {
  const problems: Problem[] = [];
  const say = (at: (string | number)[], code: Parameters<typeof problemMessage>[1], params: Record<string, string> = {}) =>
    problems.push({ path: formatPath(at), code, message: problemMessage(locale, code, params), ...(nodeId ? { nodeId } : {}) });
  for (const { leaf, at } of leaves(condition)) {
    const base = [...path, ...at];
    const fact = findFact(leaf.fact);
    if (!fact) say([...base, 'fact'], 'unknown_fact', { fact: leaf.fact });
    if (!operatorNames.includes(leaf.operator)) say([...base, 'operator'], 'unknown_operator', { operator: leaf.operator });
    else if (fact) {
      const reason = valueProblem(leaf, fact);
      if (reason)
        say([...base, reason === 'operator' ? 'operator' : 'value'], 'invalid_condition_value', { message: valueProblemMessage(locale, reason, leaf, fact) });
    }
  }
  return problems;
}
