import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { down, up } from '../../server/db/migrations/0013-message-reasons';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases';

/**
 * Migration 0013 gives messages stored before it a reason code from their `guard_reason` text, so
 * the messages page can word old rows too. Taken back to 0012, rows stored as before, then up again.
 */
describe.each(databaseKinds)('migration 0013 (message reasons) on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => void (t = await openTestDatabase(kind)));
  afterAll(() => t?.close());

  it('derives codes and parameters from what older rows say', async () => {
    const db = t.db as unknown as Kysely<unknown>;
    await down(db);
    const old = [
      ['m-none', 'skipped_no_recipient', null],
      ['m-skip', 'skipped_quiet_hours', 'quiet hours 21:00–09:00'],
      ['m-held', 'queued', 'quiet-hours'],
      ['m-both', 'queued', 'quiet-hours, send-rate'],
      ['m-cap', 'capped', 'frequency cap: at most 1 sms per P1D'],
      ['m-gave', 'capped', 'frequency cap: gave way to a message of higher priority (journey:w:c1)'],
      ['m-sent', 'sent', null],
    ] as const;
    for (const [key, status, reason] of old) {
      await sql`insert into messages (idempotency_key, channel, recipient, text, status, journey_id, journey_version, node_id, customer_id, guard_reason)
        values (${key}, 'sms', '13800001234', 'x', ${status}, 'j', 1, 'sms', 'c1', ${reason})`.execute(db);
    }
    await up(db);
    const rows = await t.db
      .selectFrom('messages')
      .select(['idempotency_key', 'reason_code', 'reason_params'])
      .where('idempotency_key', 'like', 'm-%')
      .orderBy('idempotency_key')
      .execute();
    expect(Object.fromEntries(rows.map((r) => [r.idempotency_key, [r.reason_code, r.reason_params]]))).toEqual({
      'm-none': ['no_recipient', {}],
      'm-skip': ['quiet_hours', { from: '21:00', to: '09:00' }],
      'm-held': ['quiet_hours', {}],
      'm-both': ['send_rate', {}],
      'm-cap': ['frequency_cap', { max: 1, channel: 'sms', within: 'P1D' }],
      'm-gave': ['gave_way', {}],
      'm-sent': [null, {}],
    });
  });
});
