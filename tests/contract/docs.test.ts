import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { endpoints } from '../../contract/index';

// docs/api.md lists the endpoints by hand: each contract entry must be in it, as `METHOD path`
// (a query may follow), or as its exact path in a row of its method (the three imports).
describe('docs/api.md', () => {
  const doc = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  it('names every endpoint of the contract', () => {
    const named = (method: string, path: string) =>
      new RegExp(`${method} ${escape(path)}(?![\\w/:.-])`).test(doc) ||
      doc.split('\n').some((line) => line.startsWith(`| \`${method} `) && line.includes(`\`${path}\``));
    const missing = endpoints.filter((e) => !named(e.method, e.path)).map((e) => `${e.method} ${e.path}`);
    expect(missing).toEqual([]);
  });
});
