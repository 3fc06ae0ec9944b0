import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { parse, type CsvError, type Options } from 'csv-parse';
import { RowReader, type CellProblem } from './cells';

export type ImportKindName = 'orders' | 'customers' | 'products';

/** What one kind of CSV file holds and where its rows go. */
export interface ImportKind<Row> {
  kind: ImportKindName;
  /** The column that identifies a row; a second row with the same id is refused. */
  idColumn: string;
  /** Columns the header must have. */
  required: readonly string[];
  /** Every documented column; any other named column is kept in the row's attributes. */
  known: readonly string[];
  /** The row from its cells, or undefined when `reader` recorded problems. */
  read(reader: RowReader, attributes: Record<string, string>): Row | undefined;
  id(row: Row): string;
  /** Stores a batch whose ids are unique; `present` names the known columns the file has. */
  store(rows: Row[], present: ReadonlySet<string>): Promise<{ inserted: number; updated: number }>;
}

export interface RowError {
  /** The physical line in the file where the row starts; the header is line 1. */
  line: number;
  column?: string;
  reason: string;
}

export interface ImportSummary {
  kind: ImportKindName;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  failed: number;
  errors: RowError[];
  errorsTruncated: boolean;
}

export interface HeaderProblem {
  error: 'invalid_csv';
  message: string;
  missingColumns: string[];
}

export const BATCH_SIZE = 1000;
export const MAX_ERRORS = 1000;
/** A record longer than this is an unclosed quote swallowing the file, not data. */
export const MAX_RECORD_CHARS = 1_000_000;

/** CSV errors after which csv-parse cannot find the next record: reading stops there. */
const fatalCsvErrors = new Set(['CSV_QUOTE_NOT_CLOSED', 'CSV_MAX_RECORD_SIZE']);

/**
 * Streams a CSV file into the store: parsed record by record, validated, and stored in batches
 * of a thousand, so a file of millions of rows never sits in memory (only the ids seen, to refuse
 * duplicates). Good rows are stored whatever their neighbours hold; every bad one is reported
 * with its line. A header without the required columns stores nothing.
 */
export async function importCsv<Row>(input: Readable, spec: ImportKind<Row>, batchSize = BATCH_SIZE): Promise<ImportSummary | HeaderProblem> {
  // The last line of the last record parsed, kept as the parser goes (ahead of our reading), so a
  // record it has to skip is placed on the line after.
  let lastLine = 1;
  const options: Options<{ record: string[]; lines: number }, string[]> = {
    // Each record with the line its last field ends on (cheaper than the parser's `info` snapshots).
    on_record: (record: string[], context: { lines: number }) => {
      lastLine = context.lines;
      return { record, lines: context.lines };
    },
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: MAX_RECORD_CHARS,
  };
  // The typings tie on_record's result to string[]; the records here are { record, lines }.
  const parser = parse(options as unknown as Options);
  const summary: ImportSummary = { kind: spec.kind, rows: 0, inserted: 0, updated: 0, unchanged: 0, failed: 0, errors: [], errorsTruncated: false };
  const report = (error: RowError) => {
    if (summary.errors.length < MAX_ERRORS) summary.errors.push(error);
    else summary.errorsTruncated = true;
  };
  let stoppedAt: { line: number; reason: string } | undefined;
  parser.on('skip', (err: CsvError) => {
    if (stoppedAt) return;
    summary.rows += 1;
    summary.failed += 1;
    const line = lastLine + 1;
    if (fatalCsvErrors.has(err.code)) {
      stoppedAt = { line, reason: `${csvReason(err)}; reading stopped here, the rest of the file was not imported` };
      input.unpipe(parser);
      parser.end();
    } else {
      report({ line, reason: csvReason(err) });
    }
  });
  input.pipe(parser);
  // The client going away ends the import; rows stored so far stay (a re-import fills the rest).
  input.on('error', (e) => parser.destroy(e));

  // Every row is checked against, and counts as of, the same moment.
  const startedAt = new Date();
  let header: { columns: string[]; index: Map<string, number> } | undefined;
  let extras: [number, string][] = [];
  const seen = new Map<string, number>();
  let batch: Row[] = [];
  let present: Set<string> = new Set();
  // One batch is stored while the next is parsed: on PostgreSQL the two overlap; the embedded
  // database shares our thread and simply takes turns.
  let storing: Promise<void> | undefined;
  const flush = async () => {
    if (storing) await storing;
    storing = undefined;
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    storing = spec.store(rows, present).then(({ inserted, updated }) => {
      summary.inserted += inserted;
      summary.updated += updated;
      summary.unchanged += rows.length - inserted - updated;
    });
    // Its failure is rethrown by the next flush; until then it must not count as unhandled.
    storing.catch(() => undefined);
  };

  for await (const { record, lines } of parser as AsyncIterable<{ record: string[]; lines: number }>) {
    // A quoted field may span lines: the row starts where its first field does.
    const line = lines - record.reduce((n, f) => n + countNewlines(f), 0);
    if (!header) {
      header = readHeader(record);
      const missing = spec.required.filter((c) => !header!.index.has(c));
      const duplicated = header.columns.filter((c, i) => c !== '' && header!.columns.indexOf(c) !== i);
      if (missing.length > 0 || duplicated.length > 0) {
        await discard(input, parser);
        const message =
          missing.length > 0
            ? `the header (line ${line}) lacks the required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; a file of ${spec.kind} needs ${spec.required.join(', ')}`
            : `the header (line ${line}) names ${[...new Set(duplicated)].join(', ')} more than once`;
        return { error: 'invalid_csv', message, missingColumns: missing };
      }
      present = new Set(spec.known.filter((c) => header!.index.has(c)));
      extras = [...header.index.entries()].filter(([name]) => !spec.known.includes(name)).map(([name, i]) => [i, name]);
      continue;
    }
    summary.rows += 1;
    const columns = header.columns;
    if (record.length !== columns.length) {
      summary.failed += 1;
      report({ line, reason: `the row has ${record.length} field${record.length === 1 ? '' : 's'}; the header has ${columns.length}` });
      continue;
    }
    const problems = cellProblems(record, columns);
    const reader = new RowReader((c) => {
      const i = header!.index.get(c);
      return i === undefined ? undefined : record[i]!.trim();
    }, startedAt);
    const attributes: Record<string, string> = {};
    for (const [i, name] of extras) {
      const value = record[i]!.trim();
      if (value !== '') attributes[name] = value;
    }
    const row = problems.length > 0 ? undefined : spec.read(reader, attributes);
    if (row === undefined) {
      summary.failed += 1;
      for (const p of [...problems, ...reader.problems]) report({ line, ...p });
      continue;
    }
    const id = spec.id(row);
    const first = seen.get(id);
    if (first !== undefined) {
      summary.failed += 1;
      report({ line, column: spec.idColumn, reason: `${spec.idColumn} "${id.slice(0, 60)}" repeats line ${first}; the first row was kept` });
      continue;
    }
    seen.set(id, line);
    batch.push(row);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  await storing;
  if (!header) {
    if (stoppedAt) return { error: 'invalid_csv', message: `the header could not be read: ${stoppedAt.reason}`, missingColumns: [] };
    return {
      error: 'invalid_csv',
      message: `the file is empty: a header line naming the columns is required (${spec.required.join(', ')})`,
      missingColumns: [...spec.required],
    };
  }
  if (stoppedAt) {
    await discard(input, parser);
    report(stoppedAt);
  }
  // The parser reports a record it skips as soon as it meets it, before we have read the rows
  // ahead of it: put the errors back in file order (a stable sort keeps each row's own order).
  summary.errors.sort((a, b) => a.line - b.line);
  return summary;
}

function readHeader(record: string[]) {
  const columns = record.map((c) => c.trim().toLowerCase());
  const index = new Map<string, number>();
  for (const [i, c] of columns.entries()) if (c !== '' && !index.has(c)) index.set(c, i);
  return { columns, index };
}

/** Problems no column type accepts: PostgreSQL text cannot hold NUL. */
function cellProblems(record: string[], columns: string[]): CellProblem[] {
  const problems: CellProblem[] = [];
  for (const [i, cell] of record.entries()) {
    if (cell.includes('\u0000'))
      problems.push({ column: columns[i] || `column ${i + 1}`, reason: `${columns[i] || `column ${i + 1}`} contains a NUL character` });
  }
  return problems;
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n += 1;
  return n;
}

function csvReason(err: CsvError): string {
  if (err.code === 'CSV_QUOTE_NOT_CLOSED') return 'a quoted field starting here is never closed';
  if (err.code === 'CSV_MAX_RECORD_SIZE') return `a row longer than ${MAX_RECORD_CHARS} characters (an unclosed quote?)`;
  return `malformed CSV: ${err.message.replace(/ at line \d+.*$/, '')}`;
}

/** Stops parsing and reads the rest of the upload away, so the client gets its answer cleanly. */
async function discard(input: Readable, parser: ReturnType<typeof parse>): Promise<void> {
  input.unpipe(parser);
  parser.destroy();
  if (input.readableEnded || input.destroyed) return;
  input.resume();
  await once(input, 'end').catch(() => undefined);
}
