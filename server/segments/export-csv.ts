import { Readable } from 'node:stream';
import type { Db } from '../db/database';

const PAGE = 2000;
const HEADER = ['id', 'name', 'phone', 'email', 'stage', 'tier', 'tags'];

/** A CSV field: quoted when it must be, and a leading =, +, - or @ defused so a spreadsheet does not run it as a formula. */
export function csvField(value: string | null): string {
  if (value === null) return '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * The segment's members as CSV, read a page at a time in id order (keyset) as the client takes
 * them: memory stays one page whatever the segment's size.
 */
export function segmentCsv(db: Db, segmentId: string): Readable {
  async function* lines(): AsyncGenerator<string> {
    yield `\uFEFF${HEADER.join(',')}\r\n`;
    let after: string | null = null;
    for (;;) {
      let query = db
        .selectFrom('segment_members as m')
        .innerJoin('customers as c', 'c.id', 'm.customer_id')
        .leftJoin('customer_facts as f', 'f.customer_id', 'm.customer_id')
        .select(['m.customer_id as id', 'c.name', 'c.phone', 'c.email', 'f.stage', 'f.tier', 'f.tags'])
        .where('m.segment_id', '=', segmentId)
        .orderBy('m.customer_id')
        .limit(PAGE);
      if (after !== null) query = query.where('m.customer_id', '>', after);
      const rows = await query.execute();
      if (rows.length > 0)
        yield rows.map((r) => [r.id, r.name, r.phone, r.email, r.stage, r.tier, (r.tags ?? []).join('|')].map(csvField).join(',') + '\r\n').join('');
      if (rows.length < PAGE) return;
      after = rows.at(-1)!.id;
    }
  }
  return Readable.from(lines());
}
