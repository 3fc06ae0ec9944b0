import { useEffect, useState } from 'react';
import type { Locale } from '../../../../engine/nodes/define';
import { messagingApi, type TemplatePreview } from '../../api/messaging';
import { ApiError } from '../../api/http';
import { templateProblem } from '../../../../engine/templates/render';
import { describeTemplateProblem, sampleContext, sampleCustomer } from '../../model/template-edit';

export type PreviewState =
  | { kind: 'empty' }
  | { kind: 'loading'; last?: TemplatePreview | undefined }
  | { kind: 'ready'; preview: TemplatePreview }
  | { kind: 'invalid'; message: string }
  | { kind: 'failed'; message: string };

const DEBOUNCE_MS = 300;

/**
 * The template rendered by POST /api/templates/preview, as the journey would send it: with the
 * made-up sample customer, or a stored one by id. Asked again 300 ms after the last keystroke;
 * an answer to an older text is dropped.
 */
export function useTemplatePreview(
  template: string,
  channel: 'sms' | 'email' | 'task',
  customerId: string | null,
  locale: Locale,
  optOut = false,
): PreviewState {
  const [state, setState] = useState<PreviewState>({ kind: 'empty' });
  useEffect(() => {
    if (template.trim() === '') {
      setState({ kind: 'empty' });
      return;
    }
    // Checked here first: an unclosed tag shows at once, without asking the server.
    const problem = templateProblem(template);
    if (problem) {
      setState({ kind: 'invalid', message: describeTemplateProblem(problem, locale) });
      return;
    }
    let current = true;
    setState((s) => ({ kind: 'loading', last: s.kind === 'ready' ? s.preview : s.kind === 'loading' ? s.last : undefined }));
    const timer = setTimeout(() => {
      const sample = sampleContext(new Date());
      const who = customerId ? { customerId } : { customer: sampleCustomer[locale] };
      messagingApi
        .preview({ template, channel, ...who, event: sample.event, coupon: sample.coupon, ...(optOut ? { optOut } : {}) })
        .then((preview) => current && setState({ kind: 'ready', preview }))
        .catch((e: unknown) => {
          if (!current) return;
          // A 400 about the template itself (an unclosed tag) is the marketer's to fix, shown inline.
          const problems = e instanceof ApiError ? (e.body.problems ?? []) : [];
          const aboutTemplate = problems.find((p) => p.path === 'template');
          if (aboutTemplate)
            setState({ kind: 'invalid', message: describeTemplateProblem(aboutTemplate.message.replace(/^template: does not parse: /, ''), locale) });
          else setState({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
        });
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [template, channel, customerId, locale, optOut]);
  return state;
}
