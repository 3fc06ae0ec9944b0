import { createRule, updateRule, type TagRule, type TagRuleDraft } from '../api/tag-rules';

/**
 * One step of saving a rule, run in order; any may stop the save by answering false. Today the
 * only step stores the rule; the settings-effect preview (POST /api/settings/preview, "moves 1,234
 * customers…; journeys that start on it…") goes before it as a step that asks the marketer.
 */
export type SaveStep = (rule: TagRuleDraft, id: string | undefined) => Promise<boolean>;

/** Runs the steps before storing, then stores the rule (created when it has no id yet). */
export async function saveRule(rule: TagRuleDraft, id: string | undefined, before: readonly SaveStep[] = []): Promise<TagRule | null> {
  for (const step of before) if (!(await step(rule, id))) return null;
  return (id ? await updateRule(id, rule) : await createRule(rule)).rule;
}
