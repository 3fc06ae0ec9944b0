import type { z } from 'zod';
import {
  importCustomers,
  importKinds,
  importOrders,
  importProducts,
  type ImportKindName,
  type importSummarySchema,
  type invalidCsvSchema,
} from '../../../contract/import';
import { pathOf } from '../api/call';
import { parseJson, reportUnauthorized, sessionHeaders } from '../api/http';

const importEndpoints = { orders: importOrders, customers: importCustomers, products: importProducts };

export { importKinds };
export type ImportKind = ImportKindName;

/** `POST /api/import/:kind` answers (docs/import.md; contract/import.ts). */
export type ImportSummary = z.infer<typeof importSummarySchema>;
export type InvalidCsv = z.infer<typeof invalidCsvSchema>;
export type UploadOutcome =
  | { kind: 'done'; summary: ImportSummary }
  | { kind: 'invalid'; body: InvalidCsv }
  | { kind: 'failed'; status: number; message: string };

/**
 * Streams a file to the import endpoint. XMLHttpRequest rather than fetch: only it reports upload
 * progress, so the bar shows bytes actually sent. Same headers as every API call (bearer token,
 * language); a 401 signs out as elsewhere.
 */
export function uploadCsv(kind: ImportKind, file: Blob, onProgress: (fraction: number) => void): { done: Promise<UploadOutcome>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<UploadOutcome>((resolve) => {
    xhr.open(importEndpoints[kind].method, pathOf(importEndpoints[kind]));
    for (const [name, value] of Object.entries(sessionHeaders())) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader('Content-Type', 'text/csv');
    // Listeners on xhr.upload must be in place before send(), or the browser reports no progress.
    xhr.upload.addEventListener('progress', (e) => e.lengthComputable && e.total > 0 && onProgress(e.loaded / e.total));
    xhr.upload.addEventListener('load', () => onProgress(1));
    xhr.addEventListener('load', () => {
      const body = xhr.responseText === '' ? {} : parseJson(xhr.responseText);
      const data = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
      if (xhr.status === 200) return resolve({ kind: 'done', summary: data as unknown as ImportSummary });
      if (xhr.status === 401) reportUnauthorized();
      if (xhr.status === 400 && data.error === 'invalid_csv') return resolve({ kind: 'invalid', body: data as unknown as InvalidCsv });
      resolve({ kind: 'failed', status: xhr.status, message: typeof data.message === 'string' ? data.message : `HTTP ${xhr.status}` });
    });
    xhr.addEventListener('error', () => resolve({ kind: 'failed', status: 0, message: 'the server could not be reached' }));
    xhr.addEventListener('abort', () => resolve({ kind: 'failed', status: 0, message: 'cancelled' }));
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}

/** The columns each kind of file takes (docs/import.md); `*` marks the required ones. */
export const importColumns: Record<ImportKind, { name: string; required: boolean }[]> = {
  orders: cols('order_id*', 'customer_id*', 'status*', 'created_at*', 'paid_at', 'amount*', 'discount', 'product_ids'),
  customers: cols('customer_id*', 'name', 'phone', 'email', 'birthday', 'timezone', 'region'),
  products: cols('product_id*', 'name', 'category', 'tags'),
};

function cols(...names: string[]) {
  return names.map((n) => ({ name: n.replace('*', ''), required: n.endsWith('*') }));
}
