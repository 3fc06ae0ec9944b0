import { z } from 'zod';
import { endpoint } from './endpoint';

export const importKinds = ['orders', 'customers', 'products'] as const;
export type ImportKindName = (typeof importKinds)[number];

export const importSummarySchema = z
  .object({
    kind: z.enum(importKinds),
    rows: z.number(),
    inserted: z.number(),
    updated: z.number(),
    unchanged: z.number(),
    failed: z.number(),
    errors: z.array(z.object({ line: z.number(), column: z.string().optional(), reason: z.string() })),
    errorsTruncated: z.boolean(),
  })
  .meta({ id: 'ImportSummary' });

export const invalidCsvSchema = z.object({ error: z.literal('invalid_csv'), message: z.string(), missingColumns: z.array(z.string()) });

const importOf = <K extends ImportKindName>(kind: K) =>
  endpoint({
    method: 'POST',
    path: `/api/import/${kind}`,
    access: 'marketer',
    summary: `Imports ${kind} from a CSV file`,
    description: `Imports ${kind} from a CSV file streamed as the body (docs/import.md): rows are upserted in batches; bad rows are reported by line.`,
    body: z.string().meta({ description: 'The CSV file, UTF-8, with a header row' }),
    // A stream read row by row, never buffered: the handler parses it.
    bodyCheckedBy: 'handler',
    bodyMediaTypes: ['text/csv'],
    response: importSummarySchema,
    answers: {
      400: { description: 'The header lacks a required column: nothing stored', schema: invalidCsvSchema },
      415: 'The body is not text/csv',
    },
  } as const);

export const importOrders = importOf('orders');
export const importCustomers = importOf('customers');
export const importProducts = importOf('products');

export const importSample = endpoint({
  method: 'POST',
  path: '/api/import/sample',
  access: 'marketer',
  summary: "Imports the sample shop's history",
  description:
    "Imports the sample shop that ships in examples/data (40 products, 500 customers, 3000 orders over two years) exactly as the three CSV imports would, then refreshes every customer's facts so the customer list, tags and segments show it at once. Importing it again changes nothing.",
  response: z.object({
    imports: z.array(importSummarySchema),
    facts: z.object({ customers: z.number().int(), ms: z.number().int() }),
  }),
});

export const importEndpoints = [importOrders, importCustomers, importProducts, importSample] as const;
