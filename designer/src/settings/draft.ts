import { settingsProblems, shopSettingsSchema, type Locale, type SettingsProblem, type ShopSettings } from '../../../engine/index';

/** A path into the settings document: keys and array indexes. */
export type Path = readonly (string | number)[];

export const dotted = (path: Path): string => path.map(String).join('.');

/** The value at `path`, or undefined. */
export function getIn(doc: unknown, path: Path): unknown {
  let at: unknown = doc;
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string | number, unknown>)[key];
  }
  return at;
}

/** A copy of `doc` with `value` at `path` (undefined removes an object's key); the rest shared. */
export function setIn<T>(doc: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T;
  const [key, ...rest] = path;
  const copy: Record<string | number, unknown> | unknown[] = Array.isArray(doc) ? [...(doc as unknown[])] : { ...(doc as Record<string, unknown>) };
  const next = setIn((copy as Record<string | number, unknown>)[key!], rest, value);
  if (next === undefined && !Array.isArray(copy)) delete (copy as Record<string | number, unknown>)[key!];
  else (copy as Record<string | number, unknown>)[key!] = next;
  return copy as T;
}

/**
 * A number input's text as the document keeps it: a number when it reads as one, else the text
 * itself, so the check names the field ("must be a number") rather than silently keeping 0.
 */
export function numberOrText(text: string): number | string {
  const trimmed = text.trim();
  return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed;
}

/** The draft checked as the server checks it (the same schema and the same words, engine/facts). */
export function checkDraft(draft: unknown, locale: Locale): { settings: ShopSettings | null; problems: SettingsProblem[] } {
  const parsed = shopSettingsSchema.safeParse(draft);
  return parsed.success ? { settings: parsed.data, problems: [] } : { settings: null, problems: settingsProblems(parsed.error.issues, locale) };
}

/** The problems of the field at `path` and of anything inside it. */
export function problemsAt(problems: readonly SettingsProblem[], path: Path): SettingsProblem[] {
  const at = dotted(path);
  return problems.filter((p) => p.path === at || p.path.startsWith(`${at}.`));
}
