import type { ReactNode } from 'react';
import { useEditing } from './context';
import { dotted, getIn, numberOrText, problemsAt, type Path } from './draft';

/** The problems of a field (or a group of them), next to it, in the words of the server's check. */
export function Problems({ path, exact = false }: { path: Path; exact?: boolean }) {
  const { problems } = useEditing();
  const at = exact ? problems.filter((p) => p.path === dotted(path)) : problemsAt(problems, path);
  if (at.length === 0) return null;
  return (
    <span className="settings-problem" role="alert" data-testid={`problem-${dotted(path)}`}>
      {at.map((p) => p.message).join('；')}
    </span>
  );
}

/** A labelled field with its problems beside it. */
export function Field({ label, path, children, help }: { label: string; path: Path; children: ReactNode; help?: string }) {
  return (
    <label className="settings-field">
      <span className="settings-label">{label}</span>
      {children}
      {help && <span className="muted small">{help}</span>}
      <Problems path={path} />
    </label>
  );
}

/** A text input bound to the draft at `path`; empty text stores `empty` (undefined removes the key). */
export function TextInput({ path, placeholder, empty = '' }: { path: Path; placeholder?: string; empty?: unknown }) {
  const { draft, readOnly, set } = useEditing();
  const value = getIn(draft, path);
  return (
    <input
      type="text"
      name={dotted(path)}
      data-testid={`field-${dotted(path)}`}
      value={typeof value === 'string' ? value : value == null ? '' : String(value)}
      placeholder={placeholder}
      disabled={readOnly}
      aria-invalid={useInvalid(path)}
      onChange={(e) => set(path, e.target.value === '' ? empty : e.target.value)}
    />
  );
}

/** A number input bound to the draft at `path`; text that is no number stays, for the check to name. */
export function NumberInput({ path, disabled = false }: { path: Path; disabled?: boolean }) {
  const { draft, readOnly, set } = useEditing();
  const value = getIn(draft, path);
  return (
    <input
      type="text"
      inputMode="decimal"
      className="settings-number"
      name={dotted(path)}
      data-testid={`field-${dotted(path)}`}
      value={value == null ? '' : String(value)}
      disabled={readOnly || disabled}
      aria-invalid={useInvalid(path)}
      onChange={(e) => set(path, numberOrText(e.target.value))}
    />
  );
}

function useInvalid(path: Path): boolean {
  return problemsAt(useEditing().problems, path).length > 0;
}
