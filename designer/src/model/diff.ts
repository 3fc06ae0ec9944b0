import type { Journey, JourneyEdge } from '../../../engine/journey/schema';
import { jsonEqual } from './json';

/**
 * What changed between two journey documents, for the version history's visual diff. Pure: steps
 * are matched by id (the designer never renames an id), configs and settings are compared field
 * by field at the top level (a condition changes as one field: its rules are read as a whole),
 * edges by from/port/to. Positions are compared apart, since moving a step changes no behaviour.
 */

export interface FieldChange {
  field: string;
  /** Absent (undefined) when the field was not set on that side. */
  before: unknown;
  after: unknown;
}

export interface DiffNode {
  id: string;
  type: string;
  config: Record<string, unknown>;
}

export interface ChangedNode extends DiffNode {
  /** The older type when the step's type itself changed (a hand-edited document). */
  typeBefore?: string;
  fields: FieldChange[];
}

export interface JourneyDiff {
  /** Steps in the newer document only, in its order. */
  added: DiffNode[];
  /** Steps in the older document only, with where they stood there (for a ghost on the canvas). */
  removed: (DiffNode & { position?: { x: number; y: number } })[];
  changed: ChangedNode[];
  /** Steps whose config is the same but whose position moved: layout only. */
  moved: string[];
  addedEdges: JourneyEdge[];
  removedEdges: JourneyEdge[];
  settings: FieldChange[];
  /** Name and description: what a marketer calls the journey. */
  meta: FieldChange[];
}

export const edgeKey = (e: JourneyEdge) => `${e.from}:${e.port}->${e.to}`;

/** The changes that take `older` to `newer`. */
export function diffJourneys(older: Journey, newer: Journey): JourneyDiff {
  const before = new Map(older.nodes.map((n) => [n.id, n]));
  const after = new Map(newer.nodes.map((n) => [n.id, n]));
  const diff: JourneyDiff = { added: [], removed: [], changed: [], moved: [], addedEdges: [], removedEdges: [], settings: [], meta: [] };

  for (const n of newer.nodes) {
    const old = before.get(n.id);
    if (!old) {
      diff.added.push({ id: n.id, type: n.type, config: n.config });
      continue;
    }
    const fields = fieldChanges(old.config, n.config);
    if (fields.length > 0 || old.type !== n.type) {
      diff.changed.push({ id: n.id, type: n.type, config: n.config, fields, ...(old.type !== n.type ? { typeBefore: old.type } : {}) });
    } else if (!samePosition(older.layout.positions[n.id], newer.layout.positions[n.id])) {
      diff.moved.push(n.id);
    }
  }
  for (const n of older.nodes) {
    if (after.has(n.id)) continue;
    const position = older.layout.positions[n.id];
    diff.removed.push({ id: n.id, type: n.type, config: n.config, ...(position ? { position } : {}) });
  }

  const oldEdges = new Set(older.edges.map(edgeKey));
  const newEdges = new Set(newer.edges.map(edgeKey));
  diff.addedEdges = newer.edges.filter((e) => !oldEdges.has(edgeKey(e)));
  diff.removedEdges = older.edges.filter((e) => !newEdges.has(edgeKey(e)));

  diff.settings = fieldChanges(older.settings as Record<string, unknown>, newer.settings as Record<string, unknown>);
  diff.meta = fieldChanges({ name: older.name, description: older.description }, { name: newer.name, description: newer.description });
  return diff;
}

/** True when the diff holds no change that alters what the journey does or is called. */
export function isEmptyDiff(d: JourneyDiff): boolean {
  return d.added.length + d.removed.length + d.changed.length + d.addedEdges.length + d.removedEdges.length + d.settings.length + d.meta.length === 0;
}

/**
 * Top-level fields whose values differ, in the newer object's key order then the fields only the
 * older one had. An undefined value counts as absent, as in JSON.
 */
export function fieldChanges(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const keys = [...new Set([...Object.keys(after), ...Object.keys(before)])];
  return keys.filter((k) => !jsonEqual(before[k], after[k])).map((field) => ({ field, before: before[field], after: after[field] }));
}

function samePosition(a: { x: number; y: number } | undefined, b: { x: number; y: number } | undefined): boolean {
  if (!a || !b) return a === b;
  return Math.round(a.x) === Math.round(b.x) && Math.round(a.y) === Math.round(b.y);
}
