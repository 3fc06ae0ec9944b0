import type { ImportedProduct, OptionalProductColumn, Products } from '../products';
import type { ImportKind } from './csv-import';

const optional: readonly OptionalProductColumn[] = ['name', 'category', 'tags'];

/** `product_id,name,category,tags` (docs/import.md); tags are `;`-separated. */
export function productsImport(products: Products): ImportKind<ImportedProduct> {
  return {
    kind: 'products',
    idColumn: 'product_id',
    required: ['product_id'],
    known: ['product_id', ...optional],
    read(r, attributes) {
      const id = r.required('product_id');
      const name = r.optional('name');
      const category = r.optional('category', 100);
      const tags = r.list('tags', 100);
      if (r.problems.length > 0) return undefined;
      return { id: id!, name, category, tags, attributes };
    },
    id: (p) => p.id,
    store: (rows, present) => products.upsertImported(rows, new Set(optional.filter((c) => present.has(c)))),
  };
}
