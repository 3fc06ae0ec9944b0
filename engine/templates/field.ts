import { z } from 'zod';
import { templateProblem } from './render';

/**
 * A Mustache template in a node's config: checked to parse when the journey is validated. Its JSON
 * Schema says `format: 'template'`, which gives it the designer's message editor (variable picker
 * and live preview); a plugin's own string field may declare the same format.
 */
export function templateField(max: number, required = 'write the text') {
  return z
    .string()
    .min(1, required)
    .max(max, `must be at most ${max} characters`)
    .superRefine((t, ctx) => {
      const problem = templateProblem(t);
      if (problem) ctx.addIssue({ code: 'custom', message: `the template does not parse: ${problem}` });
    })
    .meta({ format: 'template' });
}
