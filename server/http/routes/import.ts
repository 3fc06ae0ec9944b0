import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { importCustomers, importOrders, importProducts, importSample } from '../../../contract/index';
import { projectRoot } from '../../config';
import type { AppContext } from '../context';
import { route } from '../endpoint';
import { customersImport } from '../../customers/import/customers';
import { importCsv, type ImportKind, type ImportKindName } from '../../customers/import/csv-import';
import { ordersImport } from '../../customers/import/orders';
import { productsImport } from '../../customers/import/products';

/**
 * `POST /api/import/{orders,customers,products}` with a `text/csv` body: the upload is streamed
 * through the parser into the database in batches — never buffered, no size limit — so it works
 * the same on the embedded database and on PostgreSQL. docs/import.md describes the columns.
 */
/** Where the sample shop's CSV files ship (`examples/data`). */
export const sampleShopDir = join(projectRoot, 'examples', 'data');

export function importRoutes(app: FastifyInstance, ctx: AppContext): void {
  const kinds: Record<ImportKindName, () => ImportKind<unknown>> = {
    orders: () => ordersImport(ctx.orders) as ImportKind<unknown>,
    customers: () => customersImport(ctx.customers) as ImportKind<unknown>,
    products: () => productsImport(ctx.products) as ImportKind<unknown>,
  };
  void app.register(async (scope) => {
    // The body stays a stream: the handler reads it row by row. Only in this scope, so no other
    // route ever sees a raw stream.
    scope.addContentTypeParser('text/csv', (_request, payload, done) => done(null, payload));
    route(scope, importOrders, async ({ request, reply }) => handle('orders', request, reply));
    route(scope, importCustomers, async ({ request, reply }) => handle('customers', request, reply));
    route(scope, importProducts, async ({ request, reply }) => handle('products', request, reply));
  });

  // The sample shop, in the order its rows refer to each other: products, customers, then orders.
  route(app, importSample, async () => {
    const started = Date.now();
    const imports = [];
    for (const kind of ['products', 'customers', 'orders'] as const) {
      const result = await importCsv(createReadStream(join(sampleShopDir, `${kind}.csv`)), kinds[kind]());
      // The files ship with the product: a header problem here is a broken installation.
      if ('error' in result) throw new Error(`examples/data/${kind}.csv: ${result.message}`);
      imports.push(result);
    }
    const refreshed = await ctx.facts.refreshAllSummary(new Date());
    const ms = Date.now() - started;
    ctx.log.info({ rows: imports.map((i) => i.rows), customers: refreshed.customers, ms }, 'sample shop imported');
    return { imports, facts: { customers: refreshed.customers, ms } };
  });

  async function handle(kind: ImportKindName, request: FastifyRequest, reply: FastifyReply) {
    const body = request.body as Readable | undefined;
    if (!body || typeof (body as Readable).pipe !== 'function') {
      return reply.code(415).send({ error: 'unsupported_media_type', message: 'send the file as the request body with Content-Type: text/csv (UTF-8)' });
    }
    const started = Date.now();
    try {
      const result = await importCsv(body, kinds[kind]());
      if ('error' in result) return reply.code(400).send(result);
      // Counts only: rows and their errors may name people.
      const { rows, inserted, updated, unchanged, failed } = result;
      ctx.log.info({ kind, rows, inserted, updated, unchanged, failed, ms: Date.now() - started }, 'import finished');
      return result;
    } catch (error) {
      if (request.raw.destroyed || request.raw.readableAborted) {
        ctx.log.warn({ kind, ms: Date.now() - started }, 'import cut short: the client went away; the rows stored so far stay');
        return reply;
      }
      throw error;
    }
  }
}
