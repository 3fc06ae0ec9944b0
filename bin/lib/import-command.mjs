import { createReadStream, statSync } from 'node:fs';
import cliProgress from 'cli-progress';
import { apiToken, serverUrl } from './connection.mjs';

const kinds = ['orders', 'customers', 'products'];
/** How many row errors to print; the server reports up to 1000. */
const SHOWN_ERRORS = 20;

/** `huitou import <kind> FILE`: returns the exit status. */
export async function importCommand(args, usage) {
  const [kind, file, ...extra] = args;
  if (!kinds.includes(kind) || !file || extra.length > 0) {
    console.error(`huitou import: give the kind (${kinds.join(', ')}) and one file\n\n${usage}`);
    return 2;
  }
  let size;
  try {
    size = statSync(file).size;
  } catch (e) {
    console.error(`huitou import: cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
    return 2;
  }
  const token = apiToken();
  if (!token) {
    console.error('huitou import: no API token. Set HUITOU_API_TOKEN, or run where npm start wrote .huitou/api-token');
    return 2;
  }
  const url = `${serverUrl()}/api/import/${kind}`;

  // The bar follows the bytes the upload has taken; the server reads as it stores, so this is
  // the import's progress too. cli-progress draws only on a terminal.
  const bar = new cliProgress.SingleBar(
    { format: `${kind} {bar} {percentage}% | {sentMb}/{totalMb} MB | {eta_formatted}`, hideCursor: true, etaBuffer: 50 },
    cliProgress.Presets.shades_classic,
  );
  const mb = (n) => (n / 1_048_576).toFixed(1);
  bar.start(size, 0, { sentMb: mb(0), totalMb: mb(size) });
  let sent = 0;
  async function* body() {
    for await (const chunk of createReadStream(file)) {
      sent += chunk.length;
      bar.update(sent, { sentMb: mb(sent) });
      yield chunk;
    }
  }
  const started = Date.now();
  let response;
  let text;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv; charset=utf-8' },
      body: body(),
      duplex: 'half',
    });
    text = await response.text();
  } catch (e) {
    bar.stop();
    console.error(`huitou import: could not reach ${serverUrl()}: ${e.cause?.message ?? e.message}. Is Huitou running? (HUITOU_URL)`);
    return 2;
  }
  bar.stop();
  let result;
  try {
    result = JSON.parse(text);
  } catch {
    result = undefined;
  }
  if (!response.ok || !result || typeof result.rows !== 'number') {
    const reason = result?.message ?? (text.slice(0, 300) || response.statusText);
    console.error(`huitou import: the server refused ${file} (${response.status}): ${reason}`);
    if (result?.missingColumns?.length) console.error(`missing columns: ${result.missingColumns.join(', ')}`);
    return 2;
  }
  return printSummary(file, result, (Date.now() - started) / 1000);
}

function printSummary(file, r, seconds) {
  console.log(
    `Imported ${r.kind} from ${file} in ${seconds.toFixed(1)} s: ${r.rows} rows — ${r.inserted} new, ${r.updated} updated, ${r.unchanged} unchanged, ${r.failed} refused`,
  );
  if (r.failed === 0) return 0;
  for (const e of r.errors.slice(0, SHOWN_ERRORS)) console.log(`  line ${e.line}${e.column ? ` (${e.column})` : ''}: ${e.reason}`);
  const more = r.errors.length - SHOWN_ERRORS;
  if (more > 0) console.log(`  … and ${more} more${r.errorsTruncated ? ' (the server lists the first 1000 errors only)' : ''}`);
  console.log('The good rows are stored; fix the lines above and import the file again (stored rows are not duplicated).');
  return 1;
}
