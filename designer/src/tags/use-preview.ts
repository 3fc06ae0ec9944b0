import { useEffect, useState } from 'react';
import { ApiError } from '../api/http';
import { previewRule, type RulePreview, type TagRuleDraft } from '../api/tag-rules';

export type PreviewState =
  | { state: 'idle' }
  | { state: 'loading'; last?: RulePreview }
  | { state: 'ready'; preview: RulePreview }
  | { state: 'invalid'; messages: string[] };

/**
 * The live count and sample of the rule being edited: asked of POST /api/tag-rules/preview a
 * moment after the last change (debounced), the older answer kept on screen while the new one
 * comes. An answer to an older draft is dropped.
 */
export function usePreview(draft: TagRuleDraft, delayMs = 350): PreviewState {
  const [state, setState] = useState<PreviewState>({ state: 'idle' });
  const key = JSON.stringify(draft);
  useEffect(() => {
    let current = true;
    setState((s) => ({ state: 'loading', ...(s.state === 'ready' ? { last: s.preview } : s.state === 'loading' && s.last ? { last: s.last } : {}) }));
    const timer = setTimeout(() => {
      previewRule(JSON.parse(key) as TagRuleDraft).then(
        (preview) => current && setState({ state: 'ready', preview }),
        (e: unknown) => {
          if (!current) return;
          const problems = e instanceof ApiError ? e.body.problems : undefined;
          setState({ state: 'invalid', messages: problems?.map((p) => p.message) ?? [e instanceof Error ? e.message : String(e)] });
        },
      );
    }, delayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key, delayMs]);
  return state;
}
