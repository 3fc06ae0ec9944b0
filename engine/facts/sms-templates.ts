import { z } from 'zod';

/**
 * An SMS template the shop had approved by its provider (Aliyun 模板 CODE, Tencent 模板 ID) and
 * registered in settings `sms.templates`, so the designer can offer it and publishing can check the
 * steps that use it. Its text is as approved, with the provider's variables: Aliyun's named
 * `${order}`, or Tencent's numbered `{1}`, `{2}`.
 */
export const smsTemplateSchema = z
  .object({
    code: z.string().trim().min(1, 'give the template code or id from the provider').max(64, 'must be at most 64 characters'),
    name: z.string().trim().min(1, 'give the template a name').max(40, 'must be at most 40 characters'),
    text: z.string().trim().min(1, 'give the approved text').max(500, 'must be at most 500 characters'),
    /** A marketing template (营销短信) rather than a notice (通知短信) or a code. */
    marketing: z.boolean().default(false),
  })
  .superRefine((t, ctx) => {
    const problem = variablesProblem(t.text);
    if (problem) ctx.addIssue({ code: 'custom', path: ['text'], message: problem });
  });
export type SmsTemplate = z.infer<typeof smsTemplateSchema>;

export const smsTemplatesSchema = z
  .array(smsTemplateSchema)
  .max(200, 'at most 200 templates')
  .default([])
  .superRefine((templates, ctx) => {
    const seen = new Set<string>();
    templates.forEach((t, i) => {
      if (seen.has(t.code)) ctx.addIssue({ code: 'custom', path: [i, 'code'], message: `another template has the code "${t.code}"` });
      seen.add(t.code);
    });
  });

const named = /\$\{([A-Za-z_][A-Za-z0-9_]{0,31})\}/g;
const numbered = /\{(\d{1,2})\}/g;

/** The template's variables in order of first appearance: `["order", "name"]` or `["1", "2"]`. */
export function smsTemplateVariables(text: string): string[] {
  const found = [...text.matchAll(named), ...text.replace(named, '').matchAll(numbered)].map((m) => m[1]!);
  return [...new Set(found)];
}

/** Why the text's variables cannot be sent: both styles mixed, or numbered ones not {1}, {2}… in a row. */
function variablesProblem(text: string): string | undefined {
  const hasNamed = named.test(text);
  named.lastIndex = 0;
  const numbers = [...text.replace(named, '').matchAll(numbered)].map((m) => Number(m[1]));
  if (hasNamed && numbers.length > 0) return 'use either named variables ${name} (Aliyun) or numbered ones {1} (Tencent), not both';
  const distinct = [...new Set(numbers)].sort((a, b) => a - b);
  if (distinct.some((n, i) => n !== i + 1)) return 'numbered variables must be {1}, {2}, … without a gap';
  return undefined;
}

/** The text as the customer would read it, each variable replaced by its value (kept as is when it has none). */
export function fillSmsTemplate(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(named, (whole, name: string) => values[name] ?? whole).replace(numbered, (whole, n: string) => values[n] ?? whole);
}
