import { useEffect, useState } from 'react';

/**
 * JSON edited as text: the text is kept while it does not parse and `onChange` hears only values
 * that do, so nothing is lost mid-typing. A change from outside (undo, another step selected)
 * replaces the text unless what is typed does not parse yet. Empty text means `undefined` when
 * `emptyIsUndefined`, else it is simply not JSON.
 */
export function useJsonText(
  value: unknown,
  onChange: (value: unknown) => void,
  emptyIsUndefined = false,
): { text: string; bad: boolean; edit(next: string): void } {
  const shown = value === undefined ? '' : JSON.stringify(value, null, 2);
  const [text, setText] = useState(shown);
  const [bad, setBad] = useState(false);
  useEffect(() => {
    if (!bad) setText(shown);
  }, [shown]);
  const edit = (next: string) => {
    setText(next);
    try {
      const parsed = emptyIsUndefined && next.trim() === '' ? undefined : (JSON.parse(next) as unknown);
      setBad(false);
      onChange(parsed);
    } catch {
      setBad(true);
    }
  };
  return { text, bad, edit };
}
