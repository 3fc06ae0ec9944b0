import type { Locale } from '../nodes/define';

/**
 * How deeply a JSON document may nest (objects and arrays, the outermost counting as 1). A journey
 * document with a condition 25 groups deep stays under it; anything deeper is a mistake or an
 * attack, and a recursive walk over it (zod, the rule evaluator) would exhaust the stack.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * The path of the first object or array nested deeper than `maxDepth`, or undefined when none is.
 * Iterative, so a document of any depth is measured without recursion; it stops at the first
 * container past the limit.
 */
export function tooDeepAt(value: unknown, maxDepth = MAX_JSON_DEPTH): (string | number)[] | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const stack: { value: object; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: container, path } = stack.pop()!;
    if (path.length + 1 > maxDepth) return path;
    const entries: [string | number, unknown][] = Array.isArray(container) ? container.map((v, i) => [i, v]) : Object.entries(container);
    // Pushed in reverse so the walk visits children in document order and reports the first.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      if (child !== null && typeof child === 'object') stack.push({ value: child, path: [...path, key] });
    }
  }
  return undefined;
}

/** The reason given at the path `tooDeepAt` found. */
export function tooDeepMessage(locale: Locale, path: string, maxDepth = MAX_JSON_DEPTH): string {
  const where = path === '' ? (locale === 'zh-CN' ? '文档' : 'the document') : path;
  return locale === 'zh-CN'
    ? `${where}：嵌套超过 ${maxDepth} 层；这么深的条件或数据不可能是有意的，请拆分或简化。`
    : `${where}: nested more than ${maxDepth} levels deep; split or simplify it.`;
}
