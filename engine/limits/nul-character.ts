import type { Locale } from '../nodes/define';

/**
 * The path of the first string or key holding U+0000, or undefined. PostgreSQL stores neither a
 * text nor a jsonb string with it (both databases refuse the write), and no user text needs it.
 * Iterative, like tooDeepAt; run it on documents already limited in depth.
 */
export function nulCharacterAt(value: unknown): (string | number)[] | undefined {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: item, path } = stack.pop()!;
    if (typeof item === 'string') {
      if (item.includes('\u0000')) return path;
      continue;
    }
    if (item === null || typeof item !== 'object') continue;
    const entries: [string | number, unknown][] = Array.isArray(item) ? item.map((v, i) => [i, v]) : Object.entries(item);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      if (typeof key === 'string' && key.includes('\u0000')) return [...path, key];
      stack.push({ value: child, path: [...path, key] });
    }
  }
  return undefined;
}

export function nulCharacterMessage(locale: Locale, path: string): string {
  const where = path === '' ? (locale === 'zh-CN' ? '文档' : 'the document') : path;
  return locale === 'zh-CN' ? `${where}：包含无法保存的空字符（U+0000）` : `${where}: contains the NUL character (U+0000), which cannot be stored`;
}
