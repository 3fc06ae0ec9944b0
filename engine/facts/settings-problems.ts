import type { z } from 'zod';
import type { Locale } from '../nodes/define';
import { issueReason } from '../journey/issue-words';

/** A bad settings field: its dotted path (`rfm.ranges.monetary`, `tiers.1.minSpend`) and why, worded for a person. */
export interface SettingsProblem {
  path: string;
  code: 'invalid';
  message: string;
}

/**
 * The problems of a settings document, one per issue, in `locale`: the API answers them (400
 * invalid_settings) and the designer shows the same words beside each field as it is typed.
 */
export function settingsProblems(issues: readonly z.core.$ZodIssue[], locale: Locale = 'en'): SettingsProblem[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.') || '(settings)';
    const reason = issueReason(issue, locale);
    return { path, code: 'invalid' as const, message: locale === 'zh-CN' ? `${path}：${reason}` : `${path}: ${reason}` };
  });
}
