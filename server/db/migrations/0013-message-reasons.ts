import { sql, type Kysely } from 'kysely';

// Why each message is where it is, as a code with parameters the designer words in the reader's
// language (server/messaging/message-reason.ts); `guard_reason` keeps its English text beside it.
// Messages stored before get their code from that text, as far as it tells.
const statements = [
  `alter table messages add column reason_code text`,
  `alter table messages add column reason_params jsonb not null default '{}'::jsonb`,
  `update messages set reason_code = 'no_recipient' where status = 'skipped_no_recipient'`,
  `update messages set reason_code = 'quiet_hours',
     reason_params = coalesce(jsonb_build_object('from', (regexp_match(guard_reason, '(\\d\\d:\\d\\d)–(\\d\\d:\\d\\d)'))[1], 'to', (regexp_match(guard_reason, '(\\d\\d:\\d\\d)–(\\d\\d:\\d\\d)'))[2]), '{}'::jsonb)
   where status = 'skipped_quiet_hours'`,
  `update messages set reason_code = case when guard_reason like '%send-rate%' then 'send_rate' else 'quiet_hours' end
   where status <> 'skipped_quiet_hours' and (guard_reason like 'quiet-hours%' or guard_reason like 'send-rate%')`,
  `update messages set reason_code = 'frequency_cap',
     reason_params = jsonb_build_object('max', ((regexp_match(guard_reason, 'at most (\\d+) (\\S+) per (\\S+)'))[1])::int, 'channel', (regexp_match(guard_reason, 'at most (\\d+) (\\S+) per (\\S+)'))[2], 'within', (regexp_match(guard_reason, 'at most (\\d+) (\\S+) per (\\S+)'))[3])
   where status = 'capped' and guard_reason ~ 'at most \\d+ \\S+ per \\S+'`,
  `update messages set reason_code = 'gave_way' where status = 'capped' and guard_reason like '%higher priority%'`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['reason_params', 'reason_code']) await sql.raw(`alter table messages drop column ${column}`).execute(db);
}
