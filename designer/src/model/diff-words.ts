import type { Journey } from '../../../engine/journey/schema';
import { flatten } from './conditions';
import type { FieldChange, JourneyDiff } from './diff';
import { formatDuration } from './duration';
import { ruleText, summarizeConfig, type SummaryWords } from './summary';

/**
 * The version diff in words, one line per change ("等待 2 天 → 3 天", "新增步骤 发送消息：短信 · …"),
 * in the order a reader checks them: steps, connections, settings, name. Pure: every word comes
 * from `words`, so the designer passes its i18n and catalog and the tests pass plain tables.
 */

export interface DiffWords extends SummaryWords {
  /** A UI string by key (`versions.change.added`), with parameters. */
  t(key: string, params?: Record<string, string | number>): string;
  /** The step type's title, e.g. `wait` → 等待. */
  nodeTitle(type: string): string;
  /** A config field's title for the step type, or a setting's when `type` is null. */
  fieldTitle(type: string | null, field: string): string;
  /** The fields of the type's config schema, in order (the first decides the one-field form). */
  fieldOrder(type: string): readonly string[];
  /** The label of an output port, e.g. `timeout` → 超时. */
  portLabel(type: string, config: Record<string, unknown>, port: string): string;
}

export type ChangeKind = 'added' | 'removed' | 'changed' | 'edge-added' | 'edge-removed' | 'setting' | 'meta';

export interface ChangeLine {
  kind: ChangeKind;
  /** The step the line is about (for edges, the step they leave from). */
  nodeId?: string;
  text: string;
}

const MAX_TEXT = 40;

/** A field title without the format hint forms show ("超时（ISO 8601）" → "超时"): the diff shows values in words. */
export function plainTitle(title: string): string {
  return title.replace(/\s*[（(][^）)]*[）)]\s*$/, '').trim() || title;
}

export function describeDiff(diff: JourneyDiff, older: Journey, newer: Journey, words: DiffWords): ChangeLine[] {
  const lines: ChangeLine[] = [];
  const title = (type: string) => words.nodeTitle(type);

  for (const n of diff.added) {
    const summary = summarizeConfig(n.config, words, words.fieldOrder(n.type), n.type);
    lines.push({
      kind: 'added',
      nodeId: n.id,
      text: words.t(summary ? 'versions.change.addedWith' : 'versions.change.added', { title: title(n.type), summary }),
    });
  }
  for (const n of diff.removed) {
    lines.push({ kind: 'removed', nodeId: n.id, text: words.t('versions.change.removed', { title: title(n.type) }) });
  }
  for (const n of diff.changed) {
    if (n.typeBefore) {
      lines.push({ kind: 'changed', nodeId: n.id, text: words.t('versions.change.retyped', { before: title(n.typeBefore), after: title(n.type) }) });
      continue;
    }
    // A step with one setting (a wait's duration) reads best without the field's name.
    const order = words.fieldOrder(n.type);
    const single = order.length === 1 && n.fields.length === 1 && n.fields[0]!.field === order[0];
    for (const f of n.fields) {
      const params = {
        title: title(n.type),
        field: words.fieldTitle(n.type, f.field),
        before: value(f.field, f.before, words, n.type),
        after: value(f.field, f.after, words, n.type),
      };
      lines.push({ kind: 'changed', nodeId: n.id, text: words.t(single ? 'versions.change.changedOnly' : 'versions.change.changed', params) });
    }
  }

  const nodeOf = (doc: Journey, id: string) => doc.nodes.find((n) => n.id === id);
  const edgeText = (doc: Journey, e: { from: string; port: string; to: string }) => {
    const from = nodeOf(doc, e.from);
    const to = nodeOf(doc, e.to);
    return {
      from: from ? title(from.type) : e.from,
      port: from ? words.portLabel(from.type, from.config, e.port) : e.port,
      to: to ? title(to.type) : e.to,
    };
  };
  for (const e of diff.addedEdges) lines.push({ kind: 'edge-added', nodeId: e.from, text: words.t('versions.change.edgeAdded', edgeText(newer, e)) });
  for (const e of diff.removedEdges) lines.push({ kind: 'edge-removed', nodeId: e.from, text: words.t('versions.change.edgeRemoved', edgeText(older, e)) });

  for (const f of diff.settings) lines.push({ kind: 'setting', text: setting(f, words) });
  for (const f of diff.meta) lines.push({ kind: 'meta', text: setting(f, words) });
  return lines;
}

function setting(f: FieldChange, words: DiffWords): string {
  return words.t('versions.change.setting', {
    field: words.fieldTitle(null, f.field),
    before: settingValue(f.field, f.before, words),
    after: settingValue(f.field, f.after, words),
  });
}

/** Settings whose values are objects get their own short forms. */
function settingValue(field: string, v: unknown, words: DiffWords): string {
  if (v === undefined || v === null) return words.t('versions.value.none');
  if (field === 'reEntry' && typeof v === 'string') return words.t(`versions.reEntry.${v}`);
  if (field === 'sendRate' && typeof v === 'object') {
    const r = v as { max?: number; per?: string };
    return words.t('versions.value.rate', { max: r.max ?? '?', per: (r.per && formatDuration(r.per, words.locale)) ?? r.per ?? '' });
  }
  if (field === 'exitWhen' && Array.isArray(v))
    return v.length === 0 ? words.t('versions.value.none') : v.map((x: { eventType?: string }) => x.eventType ?? '?').join(', ');
  if (field === 'goal' && typeof v === 'object') {
    const g = v as { eventType?: string; within?: string };
    return words.t('versions.value.goal', { event: g.eventType ?? '?', within: (g.within && formatDuration(g.within, words.locale)) ?? g.within ?? '' });
  }
  return value(field, v, words);
}

/** One value as a reader wants it: durations in words, enum labels, yes/no, rules as text, long text cut. */
export function value(field: string, v: unknown, words: DiffWords, type?: string): string {
  if (v === undefined || v === null) return words.t('versions.value.none');
  if (typeof v === 'boolean') return words.t(v ? 'versions.value.yes' : 'versions.value.no');
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') {
    const shown = formatDuration(v, words.locale) ?? words.enumValue(field, v, type);
    return shown.length > MAX_TEXT ? `“${shown.slice(0, MAX_TEXT - 1)}…”` : shown === v && /\s|\{\{/.test(v) ? `“${v}”` : shown;
  }
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null)) return v.length === 0 ? words.t('versions.value.none') : v.join(', ');
  const flat = flatten(v);
  if (flat) return flat.rules.length === 0 ? words.t('versions.value.always') : flat.rules.map((r) => ruleText(r, words)).join(` ${words.joiner(flat.mode)} `);
  const json = JSON.stringify(v);
  return json.length > MAX_TEXT ? `${json.slice(0, MAX_TEXT - 1)}…` : json;
}
