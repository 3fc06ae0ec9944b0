import { journeySchema, type Journey } from '../../../engine/journey/schema';

/**
 * The browser's copy of a journey's unsaved edits (and of a new journey the server has not seen),
 * in localStorage, so a reload, a crash or a closed tab loses nothing: opening the journey again
 * offers it back. One entry per journey; removed once the server has the edits or the person
 * chose to leave them.
 */
const PREFIX = 'huitou.unsaved.';

export interface LocalDraft {
  document: Journey;
  /** Not on the server yet: the first save is a POST. */
  isNew: boolean;
  savedAt: number;
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage disabled
  }
}

/** Keeps the document; false when the browser would not store it (disabled, full). */
export function writeLocalDraft(document: Journey, isNew: boolean): boolean {
  const s = storage();
  if (!s) return false;
  try {
    s.setItem(PREFIX + document.id, JSON.stringify({ document, isNew, savedAt: Date.now() } satisfies LocalDraft));
    return true;
  } catch {
    return false;
  }
}

/** The kept copy for a journey, if there is one and it is still a journey document. */
export function readLocalDraft(id: string): LocalDraft | null {
  const s = storage();
  let raw: string | null = null;
  try {
    raw = s?.getItem(PREFIX + id) ?? null;
  } catch {
    return null;
  }
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<LocalDraft>;
    const parsed = journeySchema.safeParse(value.document);
    if (!parsed.success || parsed.data.id !== id) return null;
    return { document: parsed.data, isNew: value.isNew === true, savedAt: typeof value.savedAt === 'number' ? value.savedAt : 0 };
  } catch {
    return null;
  }
}

export function clearLocalDraft(id: string): void {
  try {
    storage()?.removeItem(PREFIX + id);
  } catch {
    /* nothing kept */
  }
}

/** What of a document a person edits: the server's status and version are not theirs to restore. */
export function sameEdits(a: Journey, b: Journey): boolean {
  const strip = ({ status: _s, version: _v, ...rest }: Journey) => rest;
  return JSON.stringify(sortKeys(strip(a))) === JSON.stringify(sortKeys(strip(b)));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v)
        .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
        .map(([k, x]) => [k, sortKeys(x)]),
    );
  return v;
}
