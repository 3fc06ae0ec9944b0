import type { Condition, TopLevelCondition } from '../../../engine/rules/conditions';

/**
 * The condition builder's tree. It mirrors json-rules-engine's format node for node — a rule, an
 * `all`/`any` group, a `not` around one condition — so reading and writing lose nothing. What the
 * tree cannot hold (unknown keys, a leaf without a value, groups nested deeper than the builder
 * lets one draw) is left to the JSON editor instead, as written.
 */
export interface RuleNode {
  kind: 'rule';
  fact: string;
  path?: string | undefined;
  operator: string;
  value: unknown;
  params?: Record<string, unknown> | undefined;
}
export interface GroupNode {
  kind: 'group';
  mode: 'all' | 'any';
  items: CondNode[];
}
export interface NotNode {
  kind: 'not';
  item: CondNode;
}
export type CondNode = RuleNode | GroupNode | NotNode;
export type TopNode = GroupNode | NotNode;

/** Groups inside groups: three levels ("A and (B or (C and D))") read well; deeper ones do not. */
export const MAX_GROUP_DEPTH = 3;

const leafKeys = new Set(['fact', 'path', 'operator', 'value', 'params']);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function read(c: unknown, depth: number): CondNode | null {
  if (!isObject(c)) return null;
  const keys = Object.keys(c);
  if ('fact' in c) {
    if (!keys.every((k) => leafKeys.has(k)) || !('value' in c)) return null;
    if (typeof c.fact !== 'string' || typeof c.operator !== 'string') return null;
    if (c.path !== undefined && typeof c.path !== 'string') return null;
    if (c.params !== undefined && !isObject(c.params)) return null;
    return {
      kind: 'rule',
      fact: c.fact,
      ...(c.path === undefined ? {} : { path: c.path }),
      operator: c.operator,
      value: c.value,
      ...(c.params === undefined ? {} : { params: c.params }),
    };
  }
  if (keys.length !== 1) return null;
  const key = keys[0]!;
  if (key === 'not') {
    const item = read(c.not, depth);
    return item ? { kind: 'not', item } : null;
  }
  if (key !== 'all' && key !== 'any') return null;
  const list = c[key];
  if (!Array.isArray(list) || depth + 1 > MAX_GROUP_DEPTH) return null;
  const items: CondNode[] = [];
  for (const x of list) {
    const item = read(x, depth + 1);
    if (!item) return null;
    items.push(item);
  }
  return { kind: 'group', mode: key, items };
}

/** The builder's tree of a stored condition; an absent one is an empty "all". Null: JSON editor. */
export function readCondition(condition: unknown): TopNode | null {
  if (condition === undefined || condition === null) return { kind: 'group', mode: 'all', items: [] };
  const node = read(condition, 0);
  // The top of a stored condition is always a group or a `not` (json-rules-engine's rule format).
  return node && node.kind !== 'rule' ? node : null;
}

/** json-rules-engine's format of a tree, key for key as it was read. */
export function writeNode(node: CondNode): Condition {
  if (node.kind === 'rule') {
    return {
      fact: node.fact,
      ...(node.path === undefined || node.path === '' ? {} : { path: node.path }),
      operator: node.operator,
      value: node.value,
      ...(node.params === undefined ? {} : { params: node.params }),
    };
  }
  if (node.kind === 'not') return { not: writeNode(node.item) };
  return node.mode === 'all' ? { all: node.items.map(writeNode) } : { any: node.items.map(writeNode) };
}

export function writeCondition(node: TopNode): TopLevelCondition {
  return writeNode(node) as TopLevelCondition;
}

/** How many levels of groups a node holds, itself included (`not` adds none). */
export function groupDepth(node: CondNode): number {
  if (node.kind === 'rule') return 0;
  if (node.kind === 'not') return groupDepth(node.item);
  return 1 + Math.max(0, ...node.items.map(groupDepth));
}

/** The group's items with one replaced (`next`) or removed (`null`). */
export function replaceItem(group: GroupNode, index: number, next: CondNode | null): GroupNode {
  return { ...group, items: next === null ? group.items.filter((_, i) => i !== index) : group.items.map((x, i) => (i === index ? next : x)) };
}

/** Wraps a condition in `not`, or takes the `not` off again. */
export function toggleNot(node: CondNode): CondNode {
  return node.kind === 'not' ? node.item : { kind: 'not', item: node };
}

/** Every rule of a tree, at any depth. */
export function rulesOf(node: CondNode): RuleNode[] {
  if (node.kind === 'rule') return [node];
  if (node.kind === 'not') return rulesOf(node.item);
  return node.items.flatMap(rulesOf);
}
