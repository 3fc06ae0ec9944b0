import { useEffect, useState } from 'react';
import type { TopLevelCondition } from '../../../engine/rules/conditions';
import { ApiError } from '../api/http';
import { previewCondition, type PreviewCustomer } from '../api/segments';

export type Preview =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'ready'; count: number; sample: PreviewCustomer[] }
  | { state: 'failed'; message: string };

/** Waits this long after the last edit before asking the server, so typing a value asks once. */
const DEBOUNCE_MS = 400;

/**
 * The count and sample of a condition as it is edited: asked of the server (the stored facts) once
 * the edits pause; an answer for an older condition is dropped when a newer one was asked.
 */
export function usePreview(condition: TopLevelCondition | undefined): Preview {
  const [preview, setPreview] = useState<Preview>({ state: 'idle' });
  const key = JSON.stringify(condition ?? null);
  useEffect(() => {
    if (!condition) return setPreview({ state: 'idle' });
    let current = true;
    setPreview({ state: 'loading' });
    const timer = setTimeout(() => {
      previewCondition(condition).then(
        (answer) => current && setPreview({ state: 'ready', count: answer.count, sample: answer.sample }),
        (error: unknown) =>
          current && setPreview({ state: 'failed', message: error instanceof ApiError || error instanceof Error ? error.message : String(error) }),
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // The condition's JSON decides: a new object with the same rules asks nothing new.
  }, [key]);
  return preview;
}
